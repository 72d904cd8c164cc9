package com.infusionoutcomes.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code number} is the 1-based position among the patient's completed sessions by startedAt, else null; {@code version} is
 * the stored version (the ETag), which a renumbering by another session does not change.
 */
@Schema(name = "InfusionSession")
public record SessionResponse(UUID id, UUID patientId, SessionStatus status, Integer number, Instant scheduledAt,
        Instant startedAt, Instant endedAt, BigDecimal weightKg, BigDecimal doseMgPerKg, BigDecimal totalDoseMg,
        BigDecimal rateMgPerKgPerHour, List<VitalSign> vitals, List<SideEffect> sideEffects, String notes,
        long version) {

    static SessionResponse from(InfusionSession session, Integer number) {
        return new SessionResponse(session.id, session.patientId, session.status, number, session.scheduledAt,
                session.startedAt, session.endedAt, plain(session.weightKg), plain(session.doseMgPerKg),
                plain(session.totalDoseMg), plain(session.rateMgPerKgPerHour),
                session.vitals.stream().map(VitalSign::from).toList(),
                session.sideEffects.stream().map(SideEffect::from).toList(), session.notes, session.version);
    }

    /** numeric(6,2) reads back 72.50; clients sent 72.5. */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
