package com.infusionoutcomes.patient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.json.SelfChecking;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.validation.IanaTimezone;
import com.infusionoutcomes.validation.PlainText;

/** What a client may set on a patient, on create and (as a merge patch) on update. */
@Schema(name = "PatientRequest")
public record PatientRequest(
        @Size(min = 1, max = 64) String externalId,
        @NotBlank @Size(max = 200) @PlainText String displayName,
        @Min(1900) @Max(2100) Integer birthYear,
        List<@NotNull Condition> conditions,
        @IanaTimezone String timezone,
        OffsetDateTime enrolledAt) implements SelfChecking {

    @Override
    public List<FieldError> ruleViolations() {
        List<FieldError> errors = new ArrayList<>();
        if (birthYear != null && birthYear > Year.now().getValue()) {
            errors.add(FieldError.at("/birthYear", "must not be in the future"));
        }
        if (enrolledAt != null && enrolledAt.toInstant().isAfter(Instant.now().plus(PatientService.CLOCK_SKEW))) {
            errors.add(FieldError.at("/enrolledAt", "must not be in the future"));
        }
        return errors;
    }

    static PatientRequest from(Patient patient) {
        return new PatientRequest(patient.externalId, patient.displayName, patient.birthYear,
                List.copyOf(patient.conditions), patient.timezone, patient.enrolledAt.atOffset(ZoneOffset.UTC));
    }
}
