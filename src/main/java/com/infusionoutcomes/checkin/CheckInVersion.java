package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of a check-in as it was: its content, its status, and who wrote it and when. {@code changedBy}
 * is the account's id, null for the service itself (the demo cohort) and for check-ins recorded before
 * versions were kept and not found in the audit trail.
 */
@Schema(name = "CheckInVersion")
public record CheckInVersion(long version, CheckInStatus status, CheckInContext context, UUID sessionId,
        Instant recordedAt, Scores scores, String note, Instant changedAt, UUID changedBy, String changedByRole) {

    static CheckInVersion current(CheckIn c) {
        return new CheckInVersion(c.version, c.status, c.context, c.sessionId, c.recordedAt,
                new Scores(c.pain, c.sleep, c.mobility, c.mood), c.note, c.changedAt, c.changedBy, c.changedByRole);
    }
}
