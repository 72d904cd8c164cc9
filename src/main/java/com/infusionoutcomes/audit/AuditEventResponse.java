package com.infusionoutcomes.audit;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditEvent")
public record AuditEventResponse(UUID id, Instant at, UUID actorId, String actorRole, AuditAction action,
        String resourceType, String resourceId, UUID patientId, AuditOutcome outcome, String requestId,
        String sourceIp, String detail) {

    static AuditEventResponse from(AuditEvent e) {
        return new AuditEventResponse(e.id, e.at, e.actorId, e.actorRole, e.action, e.resourceType, e.resourceId,
                e.patientId, e.outcome, e.requestId, e.sourceIp, e.detail);
    }
}
