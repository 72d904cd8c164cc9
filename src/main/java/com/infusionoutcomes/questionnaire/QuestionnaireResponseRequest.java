package com.infusionoutcomes.questionnaire;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.checkin.CheckInContext;

/**
 * A completed instrument: the answers' values in item order. As with check-ins, a client that may retry supplies
 * {@code id}. The number of answers and their range depend on the instrument and are checked by the service.
 */
@Schema(name = "QuestionnaireResponseRequest")
public record QuestionnaireResponseRequest(
        UUID id,
        @NotNull Instrument instrument,
        @NotNull List<@NotNull Integer> answers,
        @NotNull OffsetDateTime recordedAt,
        UUID sessionId,
        CheckInContext context) {
}
