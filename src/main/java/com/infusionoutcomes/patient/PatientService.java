package com.infusionoutcomes.patient;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.system.Cursor;
import com.infusionoutcomes.system.JsonMergePatch;
import com.infusionoutcomes.system.Page;
import com.infusionoutcomes.system.Persistence;
import com.infusionoutcomes.system.Problem.FieldError;
import com.infusionoutcomes.system.ProblemException;

@ApplicationScoped
@Transactional
public class PatientService {

    /** Clocks of phones and clinic PCs drift; a few minutes ahead is tolerated, more is a data-entry error. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String DEFAULT_TIMEZONE = "UTC";

    private final PatientRepository patients;
    private final JsonMergePatch mergePatch;

    PatientService(PatientRepository patients, JsonMergePatch mergePatch) {
        this.patients = patients;
        this.mergePatch = mergePatch;
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
        return PatientResponse.from(patient);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PatientResponse get(UUID patientId) {
        return PatientResponse.from(require(patientId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PatientResponse> search(String q, Cursor after, int limit) {
        return Page.of(patients.search(q, after, limit + 1), limit,
                p -> Cursor.after(p.displayName, p.id), PatientResponse::from);
    }

    public PatientResponse update(UUID patientId, JsonNode patch) {
        Patient patient = require(patientId);
        PatientRequest request = mergePatch.apply(PatientRequest.from(patient), patch, PatientRequest.class);
        // Checked before the managed entity changes: the query would otherwise flush the duplicate first.
        if (request.externalId() != null && patients.externalIdTaken(request.externalId(), patient.id)) {
            throw duplicateExternalId();
        }
        apply(patient, request);
        save(patient);
        return PatientResponse.from(patient);
    }

    /** The patient, or a 404 problem: every patient-scoped operation starts here. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Patient require(UUID patientId) {
        Patient patient = patientId == null ? null : patients.findById(patientId);
        if (patient == null) {
            throw ProblemException.notFound("Patient");
        }
        return patient;
    }

    private void apply(Patient patient, PatientRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Instant now = Instant.now();
        if (request.birthYear() != null && request.birthYear() > Year.now().getValue()) {
            errors.add(FieldError.at("/birthYear", "must not be in the future"));
        }
        if (request.enrolledAt() != null && request.enrolledAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(FieldError.at("/enrolledAt", "must not be in the future"));
        }
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
