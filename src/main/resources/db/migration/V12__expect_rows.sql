-- Issue 18: a write that must touch a given number of rows (an order's update under its version) checks that here,
-- in the statement, rather than in the application after the round trip: the check then fails the transaction
-- before the COMMIT that travels in the same round trip as the command's writes.
create function ticketrail_expect_rows(touched bigint, expected bigint, problem text) returns void
language plpgsql as $$
begin
    if touched <> expected then
        raise exception '%', problem;
    end if;
end $$;
