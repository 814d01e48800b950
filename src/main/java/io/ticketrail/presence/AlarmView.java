package io.ticketrail.presence;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An open alarm, as expo and the manager screen show it: which station, why, which tickets, since when. */
@Schema(name = "Alarm", description = "An alarm that is up: which station, why, since when.")
public record AlarmView(String station, String kind, Instant raisedAt, long raisedSeq, AlarmDetail detail) {}
