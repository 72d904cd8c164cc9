package com.infusionoutcomes.session;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.http.Preconditions;
import com.infusionoutcomes.json.JsonMergePatch;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;

@ApplicationScoped
@Transactional
public class SessionService {

    static final Duration MAX_INFUSION_LENGTH = Duration.ofHours(24);
    private static final String RESOURCE = "InfusionSession";

    private final SessionRepository sessions;
    private final PatientService patients;
    private final JsonMergePatch mergePatch;
    private final AuditLog audit;
    private final Event<SessionChanged> changed;

    SessionService(SessionRepository sessions, PatientService patients, JsonMergePatch mergePatch, AuditLog audit,
            Event<SessionChanged> changed) {
        this.changed = changed;
        this.sessions = sessions;
        this.patients = patients;
        this.mergePatch = mergePatch;
        this.audit = audit;
    }

    public SessionResponse record(UUID patientId, SessionRequest request) {
        patients.requireForCare(patientId);
        checkRules(request, null);
        // Every session write may move a trend rule (a completed infusion moves the baseline and the booster
        // forecast, a scheduled one covers it), so each takes the patient's lock before writing, as such writes do.
        patients.lockForWrite(patientId);
        InfusionSession session = new InfusionSession();
        session.id = UUID.randomUUID();
        session.patientId = patientId;
        session.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(session, request);
        sessions.persistAndFlush(session);
        audit.success(AuditAction.CREATE, RESOURCE, session.id, patientId);
        changed.fire(new SessionChanged(patientId, session.id, null, request));
        return view(session);
    }

    public SessionResponse get(UUID patientId, UUID sessionId) {
        SessionResponse session = view(require(patientId, sessionId));
        audit.success(AuditAction.READ, RESOURCE, sessionId, patientId);
        return session;
    }

    public Page<SessionResponse> list(UUID patientId, Cursor after, int limit) {
        patients.requireForCare(patientId);
        Map<UUID, Integer> numbers = numbers(patientId);
        audit.success(AuditAction.LIST, RESOURCE, null, patientId);
        return Page.of(sessions.listForPatient(patientId, after, limit + 1), limit,
                s -> Cursor.after(s.startedAt != null ? s.startedAt : s.scheduledAt, s.id),
                s -> SessionResponse.from(s, numbers.get(s.id)));
    }

    /**
     * Every session of a patient the caller was already allowed to see, in the order of {@link #list}, with
     * vitals and side effects; not audited, for a caller that audits its own read (the clinician report).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<SessionResponse> course(UUID patientId) {
        Map<UUID, Integer> numbers = numbers(patientId);
        return sessions.allForPatient(patientId).stream().map(s -> SessionResponse.from(s, numbers.get(s.id)))
                .toList();
    }

    /** Changes the version named by If-Match; the row is locked so two changes of one version take turns. */
    public SessionResponse update(UUID patientId, UUID sessionId, String ifMatch, JsonNode patch) {
        patients.requireForCare(patientId);
        // The patient's lock before the session's own, in the order of every write that may raise an alert.
        patients.lockForWrite(patientId);
        InfusionSession session = sessionId == null ? null : sessions.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.patientId.equals(patientId)) {
            throw ProblemException.notFound("Infusion session");
        }
        Preconditions.requireMatch(ifMatch, session.version);
        SessionRequest before = SessionRequest.from(session);
        SessionRequest request = mergePatch.apply(before, patch, SessionRequest.class);
        if (request.equals(before)) {
            return view(session); // nothing changes, so no new version (rewriting the lists would make one)
        }
        checkRules(request, session.status);
        apply(session, request);
        sessions.flush();
        audit.success(AuditAction.UPDATE, RESOURCE, sessionId, patientId);
        changed.fire(new SessionChanged(patientId, sessionId, before, request));
        return view(session);
    }

    /** The patient's session, or 404 when the patient or the session is unknown or they do not belong together. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public InfusionSession require(UUID patientId, UUID sessionId) {
        patients.requireForCare(patientId);
        InfusionSession session = sessionId == null ? null : sessions.findById(sessionId);
        if (session == null || !session.patientId.equals(patientId)) {
            throw ProblemException.notFound("Infusion session");
        }
        return session;
    }

    /** True when the session exists and is this patient's: what a check-in may refer to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean belongsTo(UUID sessionId, UUID patientId) {
        InfusionSession session = sessions.findById(sessionId);
        return session != null && session.patientId.equals(patientId);
    }

    private SessionResponse view(InfusionSession session) {
        return SessionResponse.from(session, numbers(session.patientId).get(session.id));
    }

    private Map<UUID, Integer> numbers(UUID patientId) {
        List<UUID> completed = sessions.completedInOrder(patientId);
        Map<UUID, Integer> numbers = new HashMap<>();
        for (int i = 0; i < completed.size(); i++) {
            numbers.put(completed.get(i), i + 1);
        }
        return numbers;
    }

    private static void checkRules(SessionRequest r, SessionStatus from) {
        List<FieldError> errors = new ArrayList<>(r.ruleViolations());
        if (from != null && from != r.status() && from != SessionStatus.SCHEDULED) {
            errors.add(FieldError.at("/status", "a " + from + " session cannot become " + r.status()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void apply(InfusionSession session, SessionRequest r) {
        session.status = r.status();
        session.scheduledAt = instant(r.scheduledAt());
        session.startedAt = instant(r.startedAt());
        session.endedAt = instant(r.endedAt());
        session.weightKg = r.weightKg();
        session.doseMgPerKg = r.doseMgPerKg();
        // The administered total is what the clinic records; when it is not given it follows from weight and dose.
        session.totalDoseMg = r.totalDoseMg() != null || r.weightKg() == null || r.doseMgPerKg() == null
                ? r.totalDoseMg()
                : r.weightKg().multiply(r.doseMgPerKg()).setScale(2, RoundingMode.HALF_UP);
        session.rateMgPerKgPerHour = r.rateMgPerKgPerHour();
        session.notes = r.notes();
        session.vitals.clear();
        if (r.vitals() != null) {
            r.vitals().stream().map(VitalSign::toEntry).forEach(session.vitals::add);
        }
        session.sideEffects.clear();
        if (r.sideEffects() != null) {
            r.sideEffects().stream().map(SideEffect::toEntry).forEach(session.sideEffects::add);
        }
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

}
