package com.infusionoutcomes.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.ProblemException;

/**
 * Raises alerts inside the transaction of the write that triggered them, and lets the care team work them.
 * At most one unresolved alert exists per patient and rule: a repeat trigger counts on the open one.
 */
@ApplicationScoped
@Transactional
public class AlertService {

    static final String RESOURCE = "Alert";

    private final AlertRepository alerts;
    private final PatientService patients;
    private final Caller caller;
    private final AuditLog audit;
    private final Event<AlertRaised> raised;

    AlertService(AlertRepository alerts, PatientService patients, Caller caller, AuditLog audit,
            Event<AlertRaised> raised) {
        this.alerts = alerts;
        this.patients = patients;
        this.caller = caller;
        this.audit = audit;
        this.raised = raised;
    }

    /**
     * Raises the rule's alert for the patient, or counts a repeat on the unresolved one. The patient's row is
     * locked first, so two triggers racing each other take turns: the second sees the first's alert. The
     * unique open_key constraint backs this up should anything bypass the lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void raise(UUID patientId, AlertRule rule, String sourceType, UUID sourceId, String detail) {
        lockPatient(patientId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Alert alert = alerts.findUnresolved(patientId, rule).orElse(null);
        if (alert != null) {
            alert.lastTriggeredAt = now;
            alert.triggerCount++;
            alert.conditionClearedAt = null; // it holds again
            alert.detail = detail;
            alert.sourceType = sourceType;
            alert.sourceId = sourceId;
            alerts.flush();
            audit.success(AuditAction.UPDATE, RESOURCE, alert.id, patientId);
            raised.fire(new AlertRaised(rule, true));
            return;
        }
        alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.patientId = patientId;
        alert.rule = rule;
        alert.severity = rule.severity();
        alert.severityRank = rule.severity().ordinal();
        alert.status = AlertStatus.OPEN;
        alert.openKey = Alert.openKey(patientId, rule);
        alert.detail = detail;
        alert.sourceType = sourceType;
        alert.sourceId = sourceId;
        alert.raisedAt = now;
        alert.lastTriggeredAt = now;
        alert.triggerCount = 1;
        alerts.persistUnresolved(alert);
        audit.success(AuditAction.CREATE, RESOURCE, alert.id, patientId);
        raised.fire(new AlertRaised(rule, false));
    }

    /**
     * Raises the rule's alert unless one is already unresolved, which it leaves as it is but for a
     * {@code conditionClearedAt} (the condition holds again): for a condition found by a periodic scan, where every
     * run would otherwise count a "repeat" of the same silence.
     *
     * @return whether an alert was raised
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean raiseUnlessUnresolved(UUID patientId, AlertRule rule, String sourceType, UUID sourceId,
            String detail) {
        lockPatient(patientId);
        Alert open = alerts.findUnresolved(patientId, rule).orElse(null);
        if (open != null) {
            if (open.conditionClearedAt != null) {
                open.conditionClearedAt = null;
                alerts.flush();
                audit.success(AuditAction.UPDATE, RESOURCE, open.id, patientId);
            }
            return false;
        }
        raise(patientId, rule, sourceType, sourceId, detail);
        return true;
    }

    /**
     * Raises the rule's alert once for {@code sourceId}: not again while it is unresolved (a condition it no longer
     * met that holds again is cleared of its {@code conditionClearedAt}), nor after a clinician resolved it. An
     * unresolved alert for another source takes the new source as a repeat trigger.
     *
     * @return whether an alert was raised or counted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean raiseOncePer(UUID patientId, AlertRule rule, String sourceType, UUID sourceId, String detail) {
        lockPatient(patientId);
        Alert open = alerts.findUnresolved(patientId, rule).orElse(null);
        if (open != null && open.sourceId.equals(sourceId)) {
            if (open.conditionClearedAt != null) {
                open.conditionClearedAt = null;
                open.detail = detail;
                alerts.flush();
                audit.success(AuditAction.UPDATE, RESOURCE, open.id, patientId);
            }
            return false;
        }
        if (open == null && alerts.raisedFor(patientId, rule, sourceId)) {
            return false;
        }
        raise(patientId, rule, sourceType, sourceId, detail);
        return true;
    }

    /**
     * Records that the rule's condition no longer holds on the patient's unresolved alert, if there is one and it
     * was not already marked. The alert stays as it is otherwise: a clinician closes it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void conditionCleared(UUID patientId, AlertRule rule) {
        Alert alert = alerts.findUnresolved(patientId, rule).orElse(null);
        if (alert != null && alert.conditionClearedAt == null) {
            alert.conditionClearedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            alerts.flush();
            audit.success(AuditAction.UPDATE, RESOURCE, alert.id, patientId);
        }
    }

    /**
     * Serializes alert raising per patient (see {@link PatientService#lockForWrite}): on PostgreSQL an insert
     * referencing the patient takes a share lock on its row, and taking the update lock only afterwards could
     * deadlock two such writes, so the writes take it before inserting anything and this only repeats it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockPatient(UUID patientId) {
        patients.lockForWrite(patientId);
    }

    /**
     * The alerts of every patient on the caller's care team in the given states (repeatable, so one call lists the
     * whole history); without any, the unresolved only.
     */
    public Page<AlertResponse> listForCareTeam(Set<AlertStatus> status, AlertSeverity severity, AlertRule rule,
            String cursor, int limit) {
        UUID clinician = caller.actor().userId();
        Page<AlertResponse> page = page(clinician, null, status, severity, rule, cursor, limit);
        audit.successShowing(AuditAction.LIST, RESOURCE, page.items(), AlertResponse::patientId);
        return page;
    }

    public Page<AlertResponse> listForPatient(UUID patientId, Set<AlertStatus> status, AlertSeverity severity,
            AlertRule rule, String cursor, int limit) {
        patients.requireForCare(patientId);
        Page<AlertResponse> page = page(null, patientId, status, severity, rule, cursor, limit);
        audit.success(AuditAction.LIST, RESOURCE, null, patientId);
        return page;
    }

    /**
     * The patient's alerts that are not RESOLVED, most severe then oldest first, for a caller that was already
     * allowed to see the patient and audits its own read (the clinician report).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertResponse> unresolved(UUID patientId) {
        return alerts.unresolvedOf(patientId).stream().map(AlertResponse::from).toList();
    }

    /**
     * Every alert of the patient, resolved ones included: the unresolved first, most severe then oldest first, then
     * the resolved, most recently resolved first. For a caller that was already allowed to see the patient and
     * audits its own read (the clinician report, the FHIR export).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertResponse> history(UUID patientId) {
        return alerts.historyOf(patientId).stream().map(AlertResponse::from).toList();
    }

    public AlertResponse acknowledge(UUID alertId) {
        Alert alert = require(alertId);
        if (alert.status != AlertStatus.OPEN) {
            throw ProblemException.conflict("Only an OPEN alert can be acknowledged; this one is " + alert.status);
        }
        alert.status = AlertStatus.ACKNOWLEDGED;
        alert.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        alert.acknowledgedBy = caller.actor().userId();
        alerts.flush();
        audit.success(AuditAction.UPDATE, RESOURCE, alert.id, alert.patientId);
        return AlertResponse.from(alert);
    }

    public AlertResponse resolve(UUID alertId, ResolveRequest request) {
        Alert alert = require(alertId);
        if (alert.status == AlertStatus.RESOLVED) {
            throw ProblemException.conflict("The alert is already RESOLVED");
        }
        alert.status = AlertStatus.RESOLVED;
        alert.openKey = null; // a later trigger raises a new alert
        alert.resolvedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        alert.resolvedBy = caller.actor().userId();
        alert.resolutionNote = request.note().trim();
        alerts.flush();
        audit.success(AuditAction.UPDATE, RESOURCE, alert.id, alert.patientId);
        return AlertResponse.from(alert);
    }

    private Page<AlertResponse> page(UUID clinician, UUID patientId, Set<AlertStatus> status, AlertSeverity severity,
            AlertRule rule, String cursor, int limit) {
        return Page.of(alerts.list(clinician, patientId, status, severity, rule,
                AlertRepository.AlertCursor.decode(cursor), limit + 1), limit,
                a -> AlertRepository.AlertCursor.of(a).encode(), AlertResponse::from);
    }

    /** The alert if its patient is on the caller's care team; 404 otherwise, as if it did not exist. */
    private Alert require(UUID alertId) {
        Alert alert = alertId == null ? null : alerts.findById(alertId);
        if (alert == null) {
            throw ProblemException.notFound("Alert");
        }
        try {
            patients.requireForCare(alert.patientId);
        } catch (ProblemException e) {
            if (e.type().status() == 404) {
                throw ProblemException.notFound("Alert");
            }
            throw e;
        }
        return alert;
    }
}
