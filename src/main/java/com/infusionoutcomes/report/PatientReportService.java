package com.infusionoutcomes.report;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.alert.AlertResponse;
import com.infusionoutcomes.alert.AlertService;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.questionnaire.QuestionnaireService;
import com.infusionoutcomes.session.SessionResponse;
import com.infusionoutcomes.session.SessionService;
import com.infusionoutcomes.trend.Trend;
import com.infusionoutcomes.trend.TrendService;
import com.infusionoutcomes.user.UserRepository;

/**
 * One patient's clinician report: the trends of all four domains and of the questionnaire scores (the trend
 * endpoint's reads and computation) with their booster forecasts, every questionnaire response, every session with
 * its vitals and side effects, and every alert, resolved ones included, with who worked it. Access is checked once, like every
 * patient read, and the report is audited as one READ of the patient's Report rather than as the reads it is
 * made of.
 */
@ApplicationScoped
@Transactional
public class PatientReportService {

    static final String RESOURCE = "Report";

    private final PatientService patients;
    private final TrendService trends;
    private final SessionService sessions;
    private final AlertService alerts;
    private final AuditLog audit;
    private final QuestionnaireService questionnaires;
    private final UserRepository users;

    PatientReportService(PatientService patients, TrendService trends, SessionService sessions, AlertService alerts,
            AuditLog audit, QuestionnaireService questionnaires, UserRepository users) {
        this.questionnaires = questionnaires;
        this.users = users;
        this.patients = patients;
        this.trends = trends;
        this.sessions = sessions;
        this.alerts = alerts;
        this.audit = audit;
    }

    public PatientReport report(UUID patientId) {
        Patient patient = patients.requireForCare(patientId);
        List<Trend> course = trends.course(patient);
        List<SessionResponse> sessionList = sessions.course(patientId);
        List<AlertResponse> history = alerts.history(patientId);
        Set<UUID> staff = new HashSet<>();
        history.forEach(a -> {
            staff.add(a.acknowledgedBy());
            staff.add(a.resolvedBy());
        });
        staff.remove(null);
        Map<UUID, String> names = users.displayNames(staff);
        audit.success(AuditAction.READ, RESOURCE, null, patientId);
        return PatientReport.of(patient, course, sessionList, history, course.get(0).to(),
                new PatientReport.Questionnaires(trends.instrumentCourse(patient), questionnaires.course(patientId)),
                names);
    }
}
