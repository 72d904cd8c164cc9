package com.infusionoutcomes.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.system.PlainText;

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
        @Size(max = 4000) @PlainText String notes) {

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
