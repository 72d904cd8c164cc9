package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CheckIn")
public record CheckInResponse(UUID id, UUID patientId, UUID sessionId, CheckInContext context, Instant recordedAt,
        Scores scores, String note, Instant createdAt, long version, CheckInStatus status) {

    static CheckInResponse from(CheckIn c) {
        return new CheckInResponse(c.id, c.patientId, c.sessionId, c.context, c.recordedAt,
                new Scores(c.pain, c.sleep, c.mobility, c.mood), c.note, c.createdAt, c.version, c.status);
    }

    static CheckInResponse from(CheckInRow r) {
        return new CheckInResponse(r.id(), r.patientId(), r.sessionId(), r.context(), r.recordedAt(),
                new Scores(r.pain(), r.sleep(), r.mobility(), r.mood()), r.note(), r.createdAt(), r.version(),
                r.status());
    }
}
