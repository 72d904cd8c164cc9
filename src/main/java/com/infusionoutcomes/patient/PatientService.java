package com.infusionoutcomes.patient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.json.JsonMergePatch;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.persistence.Persistence;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;

@ApplicationScoped
@Transactional
public class PatientService {

    /** Clocks of phones and clinic PCs drift; a few minutes ahead is tolerated, more is a data-entry error. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String DEFAULT_TIMEZONE = "UTC";

    private final PatientRepository patients;
    private final JsonMergePatch mergePatch;
    private final Caller caller;
    private final AuditLog audit;
    private final Event<PatientTimezoneChanged> timezoneChanged;
    private final TransactionSynchronizationRegistry transactions;
    /** The transaction's resource naming the patients whose row it has locked already. */
    private static final Object LOCKED = new Object();
    private final Event<PatientEnrolled> enrolled;

    PatientService(PatientRepository patients, JsonMergePatch mergePatch, Caller caller, AuditLog audit,
            Event<PatientTimezoneChanged> timezoneChanged, Event<PatientEnrolled> enrolled,
            TransactionSynchronizationRegistry transactions) {
        this.patients = patients;
        this.mergePatch = mergePatch;
        this.caller = caller;
        this.audit = audit;
        this.timezoneChanged = timezoneChanged;
        this.transactions = transactions;
        this.enrolled = enrolled;
    }

    public PatientResponse enroll(PatientRequest request) {
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        apply(patient, request);
        if (patient.externalId != null && patients.findByExternalId(patient.externalId).isPresent()) {
            throw duplicateExternalId();
        }
        save(patient);
        enrolled.fire(new PatientEnrolled(patient.id, caller.actor()));
        audit.success(AuditAction.CREATE, "Patient", patient.id, patient.id);
        return PatientResponse.from(patient);
    }

    public PatientResponse get(UUID patientId) {
        Patient patient = require(patientId);
        audit.success(AuditAction.READ, "Patient", patientId, patientId);
        return PatientResponse.from(patient);
    }

    /** The patients the caller may see: a clinician's care team, every patient for an admin. */
    public Page<PatientResponse> search(String q, Cursor after, int limit) {
        Page<PatientResponse> page = Page.of(patients.search(q, caller.actor(), after, limit + 1), limit,
                p -> Cursor.after(p.displayName, p.id), PatientResponse::from);
        audit.successShowing(AuditAction.LIST, "Patient", page.items(), PatientResponse::id);
        return page;
    }

    public PatientResponse update(UUID patientId, JsonNode patch) {
        Patient patient = require(patientId);
        PatientRequest request = mergePatch.apply(PatientRequest.from(patient), patch, PatientRequest.class);
        // Checked before the managed entity changes: the query would otherwise flush the duplicate first.
        if (request.externalId() != null && patients.externalIdTaken(request.externalId(), patient.id)) {
            throw duplicateExternalId();
        }
        String timezoneBefore = patient.timezone;
        if (!Objects.equals(request.timezone(), timezoneBefore)) {
            lockForWrite(patientId); // before the row changes, as every write that changes a patient's figures does
        }
        apply(patient, request);
        save(patient);
        audit.success(AuditAction.UPDATE, "Patient", patientId, patientId);
        if (!patient.timezone.equals(timezoneBefore)) {
            timezoneChanged.fire(new PatientTimezoneChanged(patientId));
        }
        return PatientResponse.from(patient);
    }

    /**
     * Takes the patient's row lock for the rest of the transaction. Every write that may change what a patient's
     * figures or alerts are takes it first, before any other row lock, so such writes for one patient take turns
     * (and see each other's rows) and two of them cannot deadlock. Repeating it in one transaction costs nothing:
     * the lock is held until the end of the transaction, so only the first call goes to the database.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForWrite(UUID patientId) {
        @SuppressWarnings("unchecked")
        Set<UUID> locked = (Set<UUID>) transactions.getResource(LOCKED);
        if (locked == null) {
            locked = new HashSet<>();
            transactions.putResource(LOCKED, locked);
        }
        if (locked.add(patientId)) {
            patients.getEntityManager().createNativeQuery("select id from patient where id = ?1 for update")
                    .setParameter(1, patientId).getResultList();
        }
    }

    /**
     * The patient if the caller may see it, or a 404 problem (never 403, so ids cannot be probed): every
     * patient-scoped operation starts here.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Patient require(UUID patientId) {
        return (patientId == null ? Optional.<Patient>empty() : patients.findVisible(patientId, caller.actor()))
                .orElseThrow(() -> ProblemException.notFound("Patient"));
    }

    /** For onboarding, where the actor is the patient-to-be holding a valid enrollment code. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Patient requireUnscoped(UUID patientId) {
        return patients.findByIdOptional(patientId).orElseThrow(() -> ProblemException.notFound("Patient"));
    }

    /**
     * As {@link #require}, for clinical data (sessions, check-ins, trends): administrators manage accounts and
     * care teams but never read clinical data.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Patient requireForCare(UUID patientId) {
        if (caller.actor().is(Role.ADMIN)) {
            throw ProblemException.forbidden("Administrators do not have access to clinical data");
        }
        return require(patientId);
    }

    /** As {@link #requireForCare}, for a read that needs only the check: the patient's row is not loaded. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkForCare(UUID patientId) {
        if (caller.actor().is(Role.ADMIN)) {
            throw ProblemException.forbidden("Administrators do not have access to clinical data");
        }
        if (patientId == null || !patients.isVisible(patientId, caller.actor())) {
            throw ProblemException.notFound("Patient");
        }
    }

    private void apply(Patient patient, PatientRequest request) {
        List<FieldError> errors = request.ruleViolations();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        patient.externalId = request.externalId();
        patient.displayName = request.displayName().trim();
        patient.birthYear = request.birthYear();
        patient.conditions = request.conditions() == null ? new ArrayList<>()
                : new ArrayList<>(new LinkedHashSet<>(request.conditions()));
        patient.timezone = request.timezone() == null ? DEFAULT_TIMEZONE : request.timezone();
        patient.enrolledAt = request.enrolledAt() == null
                ? (patient.enrolledAt != null ? patient.enrolledAt : patient.createdAt)
                : request.enrolledAt().toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private void save(Patient patient) {
        try {
            patients.persistAndFlush(patient);
        } catch (PersistenceException e) {
            // Two clients enrolling the same MRN at once: the unique constraint decides.
            if (Persistence.isUniqueViolation(e)) {
                throw duplicateExternalId();
            }
            throw e;
        }
    }

    private static ProblemException duplicateExternalId() {
        return ProblemException.conflict("Another patient already has this externalId");
    }
}
