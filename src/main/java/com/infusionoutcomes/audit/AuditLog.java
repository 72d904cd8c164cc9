package com.infusionoutcomes.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.access.Actor;
import com.infusionoutcomes.access.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Records who touched which patient's data. A successful access is recorded in the transaction of the access
 * itself, so a write and its audit event commit or fail together; a failed attempt is recorded on its own.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditRepository events;
    private final Caller caller;
    private final AuditContext context;

    AuditLog(AuditRepository events, Caller caller, AuditContext context) {
        this.events = events;
        this.caller = caller;
        this.context = context;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(AuditAction action, String resourceType, Object resourceId, UUID patientId) {
        events.persist(event(caller.actor(), action, resourceType, resourceId, patientId, AuditOutcome.SUCCESS));
        context.recorded = true;
    }

    /** A refused or failed attempt; its own transaction, since the attempt's own rolled back. */
    public void failure(Actor actor, AuditAction action, String resourceType, Object resourceId, UUID patientId,
            AuditOutcome outcome) {
        QuarkusTransaction.requiringNew().run(
                () -> events.persist(event(actor, action, resourceType, resourceId, patientId, outcome)));
        context.recorded = true;
    }

    boolean recorded() {
        return context.recorded;
    }

    private AuditEvent event(Actor actor, AuditAction action, String resourceType, Object resourceId, UUID patientId,
            AuditOutcome outcome) {
        AuditEvent e = new AuditEvent();
        e.id = UUID.randomUUID();
        e.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.actorId = actor == null ? null : actor.userId();
        e.actorRole = actor == null ? null : actor.roleName();
        e.action = action;
        e.resourceType = resourceType;
        e.resourceId = resourceId == null ? null : resourceId.toString();
        e.patientId = patientId;
        e.outcome = outcome;
        e.requestId = context.requestId;
        e.sourceIp = context.sourceIp;
        return e;
    }
}
