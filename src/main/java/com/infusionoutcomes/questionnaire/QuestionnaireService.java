package com.infusionoutcomes.questionnaire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.persistence.Persistence;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.session.SessionService;

import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class QuestionnaireService {

    private static final String RESOURCE = "QuestionnaireResponse";

    private final QuestionnaireResponseRepository responses;
    private final PatientService patients;
    private final SessionService sessions;
    private final AuditLog audit;
    private final Event<QuestionnaireScored> scored;

    QuestionnaireService(QuestionnaireResponseRepository responses, PatientService patients, SessionService sessions,
            AuditLog audit, Event<QuestionnaireScored> scored) {
        this.responses = responses;
        this.patients = patients;
        this.sessions = sessions;
        this.audit = audit;
        this.scored = scored;
    }

    public record Recorded(QuestionnaireResponseView response, boolean created) {
    }

    /**
     * Stores a response exactly once, as check-ins are: a retry with the same id and content answers the stored
     * record, a different content 409, and two copies racing each other are settled by the primary key. The alert
     * rules observe its scoring and raise their alerts in the same transaction.
     */
    public Recorded record(UUID patientId, QuestionnaireResponseRequest request) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                QuestionnaireResponse candidate = validate(patientId, request);
                QuestionnaireResponse stored = request.id() == null ? null : responses.findById(request.id());
                if (stored != null) {
                    return replay(stored, candidate);
                }
                patients.lockForWrite(patientId);
                responses.persistAndFlush(candidate);
                audit.success(AuditAction.CREATE, RESOURCE, candidate.id, patientId);
                scored.fire(new QuestionnaireScored(patientId, candidate.id, candidate.instrument,
                        candidate.answerList(), candidate.score));
                return new Recorded(QuestionnaireResponseView.from(candidate), true);
            });
        } catch (PersistenceException e) {
            if (request.id() == null || !Persistence.isUniqueViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew()
                    .call(() -> replay(responses.findById(request.id()), validate(patientId, request)));
        }
    }

    @Transactional
    public QuestionnaireResponseView get(UUID patientId, UUID responseId) {
        patients.requireForCare(patientId);
        QuestionnaireResponse r = responseId == null ? null : responses.findById(responseId);
        if (r == null || !r.patientId.equals(patientId)) {
            throw ProblemException.notFound("Questionnaire response");
        }
        audit.success(AuditAction.READ, RESOURCE, responseId, patientId);
        return QuestionnaireResponseView.from(r);
    }

    @Transactional
    public Page<QuestionnaireResponseView> list(UUID patientId, Instrument instrument, Instant from, Instant to,
            Cursor after, int limit) {
        patients.requireForCare(patientId);
        audit.success(AuditAction.LIST, RESOURCE, null, patientId);
        return Page.of(responses.listForPatient(patientId, instrument, from, to, after, limit + 1), limit,
                r -> Cursor.after(r.recordedAt, r.id), QuestionnaireResponseView::from);
    }

    /**
     * Every response of a patient the caller was already allowed to see, oldest first; not audited, for a caller
     * that audits its own read (the clinician report).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<QuestionnaireResponseView> course(UUID patientId) {
        return responses.allForExport(patientId).stream().map(QuestionnaireResponseView::from).toList();
    }

    private Recorded replay(QuestionnaireResponse stored, QuestionnaireResponse candidate) {
        if (!stored.sameSubmissionAs(candidate)) {
            throw ProblemException.conflict("A different questionnaire response with this id already exists");
        }
        audit.success(AuditAction.READ, RESOURCE, stored.id, stored.patientId);
        return new Recorded(QuestionnaireResponseView.from(stored), false);
    }

    private QuestionnaireResponse validate(UUID patientId, QuestionnaireResponseRequest r) {
        patients.requireForCare(patientId);
        List<FieldError> errors = new ArrayList<>(r.ruleViolations());
        Instant now = Instant.now();
        Instrument instrument = r.instrument();
        List<Integer> answers = r.answers();
        if (r.sessionId() != null && !sessions.belongsTo(r.sessionId(), patientId)) {
            errors.add(FieldError.at("/sessionId", "is not an infusion session of this patient"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Instrument.Score score = instrument.score(answers);
        QuestionnaireResponse q = new QuestionnaireResponse();
        q.id = r.id() != null ? r.id() : UUID.randomUUID();
        q.patientId = patientId;
        q.sessionId = r.sessionId();
        q.instrument = instrument;
        q.context = r.context();
        q.answers = QuestionnaireResponse.join(answers);
        q.score = score.value();
        q.band = score.band();
        q.positiveScreen = score.positiveScreen();
        q.recordedAt = r.recordedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
        q.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        return q;
    }
}
