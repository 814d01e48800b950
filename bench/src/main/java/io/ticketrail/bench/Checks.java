package io.ticketrail.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The correctness counters of a run. Every one must be 0 for the run to count. */
record Checks(Map<String, Long> counters, Map<String, Long> facts) {

    static Checks of(Load load, long unanswered, long missingVersions, List<Phase> phases) {
        List<Screen> screens = load.screens();
        Map<String, Long> c = new LinkedHashMap<>();
        // diffs
        c.put("lostDiffs (gaps: from > seq)", sum(screens, s -> s.gaps));
        c.put("duplicatedDiffs (to <= seq)", sum(screens, s -> s.duplicates));
        c.put("outOfOrder (from < seq, or an older order version)", sum(screens, s -> s.outOfOrder));
        // what the diffs carry, against what the generator knows was committed
        c.put("lostVersions (committed, never shown)", missingVersions);
        c.put("duplicatedChanges (same order version twice)", sum(screens, s -> s.duplicateChanges));
        c.put("stateMismatches (screen differs from the log at the end)", sum(screens, Screen::stateMismatches));
        c.put("unknownOrders", sum(screens, s -> s.unknownChanges));
        c.put("pingsAhead (silent loss caught by a ping)", sum(screens, s -> s.pingBehind));
        c.put("epochChanges", sum(screens, s -> s.epochChanges));
        c.put("errorMessages", sum(screens, s -> s.errorMessages));
        c.put("screensNeverConnected", sum(screens, s -> s.connectFailures));
        long notCaughtUp = 0;
        for (Phase p : phases) {
            notCaughtUp += Math.max(0, p.dropped - p.catchUps.sum() - p.snapshotFallbacks.sum());
        }
        c.put("resumedScreensNotCaughtUp", notCaughtUp);
        c.put("commandErrors", load.commandErrors());
        c.put("commandsUnanswered (after a 60 s drain)", unanswered);

        Map<String, Long> f = new LinkedHashMap<>();
        f.put("unexpectedCloses", sum(screens, s -> s.unexpectedCloses));
        f.put("resumesByRule", sum(screens, s -> s.resumes));
        f.put("screensResyncedBySnapshot", sum(screens, s -> s.resyncedBySnapshot ? 1 : 0));
        f.put("acksSent", sum(screens, s -> s.acksSent));
        f.put("connectionsWithDeflate", sum(screens, s -> s.deflateNegotiated));
        return new Checks(c, f);
    }

    private static long sum(List<Screen> screens, ToLongFunction<Screen> f) {
        return screens.stream().mapToLong(f).sum();
    }

    long total() {
        return counters.values().stream().mapToLong(Long::longValue).sum();
    }
}
