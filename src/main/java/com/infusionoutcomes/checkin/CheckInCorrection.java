package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.json.SelfChecking;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.validation.PlainText;

/**
 * What a correction may change, applied as a JSON merge patch: the report's content, which makes the check-in
 * {@code amended}, or its status set to {@code entered-in-error}. Either way the previous version is kept.
 */
@Schema(name = "CheckInPatch")
public record CheckInCorrection(
        @NotNull CheckInContext context,
        UUID sessionId,
        @NotNull OffsetDateTime recordedAt,
        @NotNull @Valid Scores scores,
        @Size(max = 2000) @PlainText String note,
        @NotNull CheckInStatus status) implements SelfChecking {

    @Override
    public List<FieldError> ruleViolations() {
        return CheckInRules.ownRules(asReport(null), Instant.now(), "");
    }

    static CheckInCorrection from(CheckIn c) {
        return new CheckInCorrection(c.context, c.sessionId, c.recordedAt.atOffset(ZoneOffset.UTC),
                new Scores(c.pain, c.sleep, c.mobility, c.mood), c.note, c.status);
    }

    CheckInRequest asReport(UUID id) {
        return new CheckInRequest(id, context, sessionId, recordedAt, scores, note);
    }
}
