// Calendar dates as a location sees them, whatever the device's own time zone. Tested in ui/test/dates.test.js.

/** yyyy-mm-dd of the instant `ms` in `timeZone` (IANA name); the date a report form proposes for "today". */
export function localDate(ms, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
