package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.time.OffsetDateTime;
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
 * One report by the patient. A client that may retry (an offline phone) supplies {@code id}: a retry with the
 * same content is answered with the stored record, a different content under the same id is a conflict.
 */
@Schema(name = "CheckInRequest")
public record CheckInRequest(
        UUID id,
        @NotNull CheckInContext context,
        UUID sessionId,
        @NotNull OffsetDateTime recordedAt,
        @NotNull @Valid Scores scores,
        @Size(max = 2000) @PlainText String note) implements SelfChecking {

    @Override
    public List<FieldError> ruleViolations() {
        return CheckInRules.ownRules(this, Instant.now(), "");
    }
}
