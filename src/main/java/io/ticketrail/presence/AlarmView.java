package io.ticketrail.presence;

import java.time.Instant;

/** An open alarm, as expo and the manager screen show it: which station, why, which tickets, since when. */
public record AlarmView(String station, String kind, Instant raisedAt, long raisedSeq, AlarmDetail detail) {}
