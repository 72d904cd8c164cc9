package com.infusionoutcomes.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code patientIds}: every patient the event concerns (one for a record, each patient a list showed). */
@Schema(name = "AuditEvent")
public record AuditEventResponse(UUID id, Instant at, UUID actorId, String actorRole, AuditAction action,
        String resourceType, String resourceId, UUID patientId, List<UUID> patientIds, AuditOutcome outcome,
        String requestId, String sourceIp, String detail) {

    /** As clients sort the ids they read: UUID's own order compares signed numbers, not the text. */
    private static final Comparator<UUID> BY_TEXT = Comparator.comparing(UUID::toString);

    static AuditEventResponse from(AuditEvent e, List<UUID> patientIds) {
        return new AuditEventResponse(e.id, e.at, e.actorId, e.actorRole, e.action, e.resourceType, e.resourceId,
                e.patientId, patientIds.stream().sorted(BY_TEXT).toList(), e.outcome, e.requestId, e.sourceIp,
                e.detail);
    }
}
