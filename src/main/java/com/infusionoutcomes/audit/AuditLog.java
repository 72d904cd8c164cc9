package com.infusionoutcomes.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;

/**
 * Records who touched which patient's data. A successful write is recorded in the transaction of the write
 * itself, so the write and its audit event commit or fail together; a successful read is recorded as its
 * transaction commits, together with the reads committing at the same time ({@link AuditGroupCommit}), and the
 * read's commit waits until its event is durable; a failed attempt is recorded on its own.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    /** Accesses that change nothing, whose events can share commits. */
    private static final Set<AuditAction> READS = EnumSet.of(AuditAction.READ, AuditAction.LIST, AuditAction.EXPORT);

    private final AuditRepository events;
    private final Caller caller;
    private final CurrentVertxRequest http;
    private final AuditSpool spool;
    private final AuditGroupCommit groupCommit;

    AuditLog(AuditRepository events, Caller caller, CurrentVertxRequest http, AuditSpool spool,
            AuditGroupCommit groupCommit) {
        this.events = events;
        this.caller = caller;
        this.http = http;
        this.spool = spool;
        this.groupCommit = groupCommit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(AuditAction action, String resourceType, Object resourceId, UUID patientId) {
        RoutingContext rc = http.getCurrent();
        AuditEvent event = event(caller.actor(), action, resourceType, resourceId, patientId, AuditOutcome.SUCCESS,
                AuditContext.requestId(rc), AuditContext.sourceIp(rc));
        recordSuccess(event, patientsOf(event), rc);
        AuditContext.markRecorded(rc);
    }

    /**
     * An access whose extent is known only once it has run, such as an export that counts its rows while it
     * streams them: who is acting and which request it is are taken now, while the request is at hand, and the
     * event is written by {@link Deferred#record} in a transaction of its own.
     */
    public Deferred deferred(AuditAction action, String resourceType) {
        RoutingContext rc = http.getCurrent();
        Actor actor = caller.actor();
        String requestId = AuditContext.requestId(rc);
        String sourceIp = AuditContext.sourceIp(rc);
        AuditContext.markRecorded(rc);
        return (outcome, detail) -> {
            AuditEvent event = event(actor, action, resourceType, null, null, outcome, requestId, sourceIp);
            event.detail = detail;
            QuarkusTransaction.requiringNew().run(() -> persist(event, patientsOf(event)));
        };
    }

    /** The second half of {@link #deferred}. */
    @FunctionalInterface
    public interface Deferred {
        void record(AuditOutcome outcome, String detail);
    }

    /**
     * An event of an account: signing in or out, a reused refresh token, an enrollment, a password or an account
     * changed. The actor is whoever the credentials proved (null when they proved nobody, e.g. a wrong password);
     * the patient is the account's own, for a patient's login. Never the password, never an unknown username
     * (users type passwords into that field). Recorded in the caller's transaction: a failure is recorded by
     * the caller in a transaction of its own, so that it survives the refusal.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void account(Actor actor, AuditAction action, UUID accountId, UUID patientId, AuditOutcome outcome) {
        RoutingContext rc = http.getCurrent();
        AuditEvent event = event(actor, action, "Account", accountId, patientId, outcome, AuditContext.requestId(rc),
                AuditContext.sourceIp(rc));
        persist(event, patientsOf(event));
    }

    /**
     * A list, panel or export that showed several patients: one event naming each of them, so the trail of every
     * one of those patients shows this read.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> void successShowing(AuditAction action, String resourceType, List<T> shown,
            Function<T, UUID> patientOf) {
        RoutingContext rc = http.getCurrent();
        List<UUID> patientIds = shown.stream().map(patientOf).filter(Objects::nonNull).toList();
        recordSuccess(event(caller.actor(), action, resourceType, null, null, AuditOutcome.SUCCESS,
                AuditContext.requestId(rc), AuditContext.sourceIp(rc)), patientIds, rc);
        AuditContext.markRecorded(rc);
    }

    /**
     * A read's event waits for its transaction's commit and shares a database commit with other reads (a read that
     * fails instead is audited as the failure it is); anything else goes into the caller's transaction.
     */
    private void recordSuccess(AuditEvent event, Collection<UUID> patientIds, RoutingContext rc) {
        if (!READS.contains(event.action) || !groupCommit.holdUntilCommit(event, new LinkedHashSet<>(patientIds),
                () -> AuditContext.forgetRecorded(rc))) {
            persist(event, patientIds);
        }
    }

    /** An event and the patients it concerns, in the caller's transaction. */
    private void persist(AuditEvent event, Collection<UUID> patientIds) {
        events.persist(event);
        for (UUID patientId : new LinkedHashSet<>(patientIds)) {
            events.getEntityManager().persist(AuditEventPatient.of(event, patientId));
        }
    }

    /**
     * An answer replayed for an Idempotency-Key: the caller reads again what its first request wrote. Recorded
     * as a read of the path's patient data, in a transaction of its own.
     */
    public void replayed(String path) {
        RoutingContext rc = http.getCurrent();
        PatientDataRoute route = PatientDataRoute.of("GET", path, null);
        if (route == null) {
            return;
        }
        AuditEvent event = event(caller.actor(), AuditAction.READ, route.resourceType(), route.resourceId(),
                route.patientId(), AuditOutcome.SUCCESS, AuditContext.requestId(rc), AuditContext.sourceIp(rc));
        QuarkusTransaction.requiringNew().run(() -> persist(event, patientsOf(event)));
        AuditContext.markRecorded(rc);
    }

    /**
     * Audits a failed request on patient data unless it was audited already. The outcome follows from the
     * status: 401/403 refused, 404 unknown or not visible, other 4xx rejected, 5xx error.
     */
    void failedRequest(RoutingContext rc, Supplier<Actor> actorOf, String method, String path, int status) {
        if (AuditContext.recorded(rc)) {
            return;
        }
        PatientDataRoute route = PatientDataRoute.of(method, path, rc.request().getHeader("Accept"));
        if (route == null) {
            return;
        }
        AuditContext.markRecorded(rc);
        AuditOutcome outcome = status == 401 || status == 403 ? AuditOutcome.DENIED
                : status == 404 ? AuditOutcome.NOT_FOUND
                : status >= 500 ? AuditOutcome.ERROR : AuditOutcome.REJECTED;
        AuditEvent event = event(actorOf.get(), route.action(), route.resourceType(), route.resourceId(),
                route.patientId(), outcome, AuditContext.requestId(rc), AuditContext.sourceIp(rc));
        // The request was refused already and holds no transaction: when the database cannot take the row (every
        // connection busy), it waits in the spool on disk, and the refusal is still answered.
        Runnable write = () -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> persist(event, patientsOf(event)));
            } catch (RuntimeException e) {
                if (spool.keep(event)) {
                    LOG.warnf("Spooled the audit event of refused request %s: the database did not take it",
                            event.requestId);
                } else {
                    LOG.errorf("Could not audit a refused request %s", event.requestId);
                }
            }
        };
        if (Context.isOnEventLoopThread()) {
            // Refused before reaching a worker (e.g. no token): the answer need not wait for the audit write.
            Infrastructure.getDefaultWorkerPool().execute(write);
        } else {
            write.run();
        }
    }

    /** Writes the events the spool holds, each once; returns how many it held. */
    int replaySpooled() {
        return spool.drain(event -> QuarkusTransaction.requiringNew().run(() -> {
            if (events.findById(event.id) == null) {
                persist(event, patientsOf(event));
            }
        }));
    }

    private static List<UUID> patientsOf(AuditEvent event) {
        return event.patientId == null ? List.of() : List.of(event.patientId);
    }

    static AuditEvent event(Actor actor, AuditAction action, String resourceType, Object resourceId, UUID patientId,
            AuditOutcome outcome, String requestId, String sourceIp) {
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
        e.requestId = requestId;
        e.sourceIp = sourceIp;
        return e;
    }
}
