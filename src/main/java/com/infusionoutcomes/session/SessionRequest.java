package com.infusionoutcomes.session;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.json.SelfChecking;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.validation.PlainText;

/** What a client may set on an infusion session, on create and (as a merge patch) on update. */
@Schema(name = "InfusionSessionRequest")
public record SessionRequest(
        @NotNull SessionStatus status,
        OffsetDateTime scheduledAt,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        @DecimalMin("20") @DecimalMax("400") @Digits(integer = 3, fraction = 2) BigDecimal weightKg,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") @Digits(integer = 2, fraction = 3) BigDecimal doseMgPerKg,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("4000") @Digits(integer = 4, fraction = 2) BigDecimal totalDoseMg,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") @Digits(integer = 2, fraction = 3) BigDecimal rateMgPerKgPerHour,
        @Size(max = 200) List<@Valid @NotNull VitalSign> vitals,
        @Size(max = 50) List<@Valid @NotNull SideEffect> sideEffects,
        @Size(max = 4000) @PlainText String notes) implements SelfChecking {

    /** What the status requires of the times, and what each vital-sign reading must hold. */
    @Override
    public List<FieldError> ruleViolations() {
        List<FieldError> errors = new ArrayList<>();
        if (status == SessionStatus.SCHEDULED || status == SessionStatus.CANCELLED) {
            require(errors, scheduledAt, "/scheduledAt", "is required for a " + status + " session");
            if (endedAt != null) {
                errors.add(FieldError.at("/endedAt", "only a COMPLETED session has ended"));
            }
        } else if (status == SessionStatus.COMPLETED) {
            require(errors, startedAt, "/startedAt", "is required for a COMPLETED session");
            require(errors, endedAt, "/endedAt", "is required for a COMPLETED session");
            if (startedAt != null && endedAt != null) {
                if (!endedAt.isAfter(startedAt)) {
                    errors.add(FieldError.at("/endedAt", "must be after startedAt"));
                } else if (Duration.between(startedAt, endedAt).compareTo(SessionService.MAX_INFUSION_LENGTH) > 0) {
                    errors.add(FieldError.at("/endedAt", "must be at most 24 hours after startedAt"));
                }
                if (endedAt.toInstant().isAfter(Instant.now().plus(PatientService.CLOCK_SKEW))) {
                    errors.add(FieldError.at("/endedAt", "a completed session cannot end in the future"));
                }
            }
        }
        List<VitalSign> readings = vitals == null ? List.of() : vitals;
        for (int i = 0; i < readings.size(); i++) {
            VitalSign v = readings.get(i);
            if (v == null) {
                continue;
            }
            if (v.systolic() == null && v.diastolic() == null && v.heartRate() == null && v.spo2() == null) {
                errors.add(FieldError.at("/vitals/" + i, "must record at least one measurement"));
            }
            if (v.systolic() != null && v.diastolic() != null && v.diastolic() >= v.systolic()) {
                errors.add(FieldError.at("/vitals/" + i + "/diastolic", "must be lower than systolic"));
            }
        }
        return errors;
    }

    private static void require(List<FieldError> errors, OffsetDateTime value, String pointer, String detail) {
        if (value == null) {
            errors.add(FieldError.at(pointer, detail));
        }
    }

    static SessionRequest from(InfusionSession session) {
        return new SessionRequest(session.status, utc(session.scheduledAt), utc(session.startedAt),
                utc(session.endedAt), session.weightKg, session.doseMgPerKg, session.totalDoseMg,
                session.rateMgPerKgPerHour, session.vitals.stream().map(VitalSign::from).toList(),
                session.sideEffects.stream().map(SideEffect::from).toList(), session.notes);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
