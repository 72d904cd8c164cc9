package com.infusionoutcomes.checkin;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.infusionoutcomes.csv.Csv;

/**
 * A check-in's values as a list page and the CSV export read them: plain values, no entity, so a read leaves
 * nothing for the session to track or dirty-check. The CSV columns are the JSON record's fields, with the scores
 * as columns of their own.
 */
public record CheckInRow(UUID id, UUID patientId, UUID sessionId, CheckInContext context, Instant recordedAt,
        Integer pain, Integer sleep, Integer mobility, Integer mood, String note, Instant createdAt, long version,
        CheckInStatus status) {

    static final String[] COLUMNS = { "id", "patientId", "sessionId", "context", "recordedAt", "pain", "sleep",
            "mobility", "mood", "note", "createdAt", "version", "status" };

    void writeTo(Csv csv) throws IOException {
        csv.id(id).id(patientId).id(sessionId).code(context).time(recordedAt).number(pain).number(sleep)
                .number(mobility).number(mood).text(note).time(createdAt).number(Math.toIntExact(version))
                .text(status.code()).end();
    }
}
