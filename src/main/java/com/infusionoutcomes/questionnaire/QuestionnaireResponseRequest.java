package com.infusionoutcomes.questionnaire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.json.SelfChecking;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.Problem.FieldError;

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
        CheckInContext context) implements SelfChecking {

    /** The answers the instrument expects, a time not in the future, and a session where the context needs one. */
    @Override
    public List<FieldError> ruleViolations() {
        List<FieldError> errors = new ArrayList<>();
        if (recordedAt != null && recordedAt.toInstant().isAfter(Instant.now().plus(PatientService.CLOCK_SKEW))) {
            errors.add(FieldError.at("/recordedAt", "must not be more than 5 minutes in the future"));
        }
        if (instrument != null && answers != null) {
            if (answers.size() != instrument.itemCount()) {
                errors.add(FieldError.at("/answers", "must have exactly " + instrument.itemCount() + " answers for "
                        + instrument.code() + ", in item order"));
            }
            for (int i = 0; i < answers.size(); i++) {
                Integer a = answers.get(i);
                if (a != null && (a < instrument.minAnswer() || a > instrument.maxAnswer())) {
                    errors.add(FieldError.at("/answers/" + i, "must be between " + instrument.minAnswer() + " and "
                            + instrument.maxAnswer()));
                }
            }
        }
        if (context != null && context.needsSession() && sessionId == null) {
            errors.add(FieldError.at("/sessionId", "is required for a " + context + " response"));
        }
        return errors;
    }
}
