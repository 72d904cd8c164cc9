package com.infusionoutcomes.alert;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param conditionClearedAt when the rule's condition stopped holding while the alert was unresolved; null while it
 *        holds (or for a rule that never clears)
 */
@Schema(name = "Alert")
public record AlertResponse(UUID id, UUID patientId, AlertRule rule, AlertSeverity severity, AlertStatus status,
        String detail, String sourceType, UUID sourceId, Instant raisedAt, Instant lastTriggeredAt,
        int triggerCount, Instant conditionClearedAt, Instant acknowledgedAt, UUID acknowledgedBy,
        Instant resolvedAt, UUID resolvedBy, String resolutionNote) {

    static AlertResponse from(Alert a) {
        return new AlertResponse(a.id, a.patientId, a.rule, a.severity, a.status, a.detail, a.sourceType,
                a.sourceId, a.raisedAt, a.lastTriggeredAt, a.triggerCount, a.conditionClearedAt, a.acknowledgedAt,
                a.acknowledgedBy, a.resolvedAt, a.resolvedBy, a.resolutionNote);
    }
}
