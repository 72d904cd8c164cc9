package com.infusionoutcomes.fhir;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.Bundle;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.checkin.CheckInRepository;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.questionnaire.QuestionnaireResponseRepository;
import com.infusionoutcomes.session.SessionRepository;

/**
 * A patient's whole record as FHIR: four reads (the caller-scoped patient, their sessions, check-ins and
 * questionnaire responses), whatever the length of the course. Alerts are the service's own workflow, not part of
 * the record, and are not exported.
 */
@ApplicationScoped
@Transactional
public class FhirExportService {

    static final String RESOURCE = "FhirExport";

    private final PatientService patients;
    private final SessionRepository sessions;
    private final CheckInRepository checkIns;
    private final QuestionnaireResponseRepository responses;
    private final AuditLog audit;

    FhirExportService(PatientService patients, SessionRepository sessions, CheckInRepository checkIns,
            QuestionnaireResponseRepository responses, AuditLog audit) {
        this.patients = patients;
        this.sessions = sessions;
        this.checkIns = checkIns;
        this.responses = responses;
        this.audit = audit;
    }

    public Bundle export(UUID patientId) {
        Patient patient = patients.requireForCare(patientId);
        Bundle bundle = PatientExport.bundle(patient, sessions.allForExport(patientId),
                checkIns.allForExport(patientId), responses.allForExport(patientId), Instant.now());
        audit.success(AuditAction.EXPORT, RESOURCE, null, patientId);
        return bundle;
    }
}
