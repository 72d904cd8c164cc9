package com.infusionoutcomes.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.Bundle;

import com.infusionoutcomes.alert.AlertResponse;
import com.infusionoutcomes.alert.AlertService;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.checkin.CheckInRepository;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.questionnaire.QuestionnaireResponseRepository;
import com.infusionoutcomes.session.SessionRepository;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Trend;
import com.infusionoutcomes.trend.TrendService;
import com.infusionoutcomes.user.UserRepository;

/**
 * A patient's whole record as FHIR, with what the service concluded from it and did about it: the record in four
 * reads (the caller-scoped patient, their sessions, check-ins and questionnaire responses), the booster forecasts
 * as the trend endpoint computes them (its own three reads), and the safety alerts, resolved ones included, with the
 * names of the clinicians who worked them. A fixed number of reads whatever the length of the course. A patient
 * exporting their own record gets it without the alerts, which are the care team's to read (a patient's alert list
 * answers 403), so the export opens no second door to them.
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
    private final TrendService trends;
    private final AlertService alerts;
    private final UserRepository users;
    private final Caller caller;

    FhirExportService(PatientService patients, SessionRepository sessions, CheckInRepository checkIns,
            QuestionnaireResponseRepository responses, AuditLog audit, TrendService trends, AlertService alerts,
            UserRepository users, Caller caller) {
        this.caller = caller;
        this.trends = trends;
        this.alerts = alerts;
        this.users = users;
        this.patients = patients;
        this.sessions = sessions;
        this.checkIns = checkIns;
        this.responses = responses;
        this.audit = audit;
    }

    public Bundle export(UUID patientId) {
        Patient patient = patients.requireForCare(patientId);
        Instant now = Instant.now();
        List<PatientExport.DomainForecast> forecasts = new ArrayList<>();
        for (Trend trend : trends.course(patient)) {
            if (trend.domain() instanceof Domain domain) {
                forecasts.add(new PatientExport.DomainForecast(domain, trend.boosterForecast()));
            }
        }
        List<AlertResponse> history = caller.actor().is(Role.PATIENT) ? List.of() : alerts.history(patientId);
        Set<UUID> staff = new HashSet<>();
        history.forEach(a -> {
            staff.add(a.acknowledgedBy());
            staff.add(a.resolvedBy());
        });
        staff.remove(null);
        Bundle bundle = PatientExport.bundle(patient, sessions.allForExport(patientId),
                checkIns.allForExport(patientId), responses.allForExport(patientId),
                new PatientExport.Workflow(forecasts, history, users.displayNames(staff)), now);
        audit.success(AuditAction.EXPORT, RESOURCE, null, patientId);
        return bundle;
    }
}
