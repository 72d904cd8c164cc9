package com.infusionoutcomes.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.careteam.CareTeamRepository;
import com.infusionoutcomes.checkin.CheckInBatchRequest;
import com.infusionoutcomes.checkin.CheckInBatchResponse;
import com.infusionoutcomes.checkin.CheckInBatchService;
import com.infusionoutcomes.checkin.CheckInRequest;
import com.infusionoutcomes.demo.CohortPlan.PlannedPatient;
import com.infusionoutcomes.demo.CohortPlan.PlannedSession;
import com.infusionoutcomes.patient.PatientRepository;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.session.SessionService;
import com.infusionoutcomes.user.AppUser;
import com.infusionoutcomes.user.UserService;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives a fresh development database a small cohort of fictional patients to explore. Every record goes through
 * the same services and constraints as a client's request, so the demo can never hold what a client could not
 * store.
 */
@ApplicationScoped
class DemoCohort {

    private static final Logger LOG = Logger.getLogger(DemoCohort.class);

    private final boolean enabled;
    private final PatientRepository patientRepository;
    private final PatientService patients;
    private final SessionService sessions;
    private final CheckInBatchService batches;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final Caller caller;
    private final UserService users;
    private final CareTeamRepository careTeams;

    /** Demo logins, printed in the README; passwords meet the 12-character rule. */
    static final String DEMO_PASSWORD_ADMIN = "demo-admin-2026";
    static final String DEMO_PASSWORD_CLINICIAN = "demo-clinician-2026";
    static final String DEMO_PASSWORD_PATIENT = "demo-patient-2026";

    DemoCohort(@ConfigProperty(name = "infusion.demo-data.enabled", defaultValue = "false") boolean enabled,
            PatientRepository patientRepository, PatientService patients, SessionService sessions,
            CheckInBatchService batches, ObjectMapper mapper, Validator validator, Caller caller, UserService users,
            CareTeamRepository careTeams) {
        this.caller = caller;
        this.users = users;
        this.careTeams = careTeams;
        this.enabled = enabled;
        this.patientRepository = patientRepository;
        this.patients = patients;
        this.sessions = sessions;
        this.batches = batches;
        this.mapper = mapper;
        this.validator = validator;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            load(Instant.now());
        }
    }

    /**
     * Loads the cohort as of {@code now} unless the database already holds any patient (a restart, or real data);
     * true when it loaded. Each record commits on its own, as the services own their transactions.
     */
    @ActivateRequestContext
    boolean load(Instant now) {
        if (patientRepository.count() > 0) {
            LOG.debug("Demo cohort not loaded: the database already has patients");
            return false;
        }
        caller.actAsSystem();
        List<UUID> loaded = new ArrayList<>();
        List<String> logins = new ArrayList<>();
        int patientCount = 0;
        int sessionCount = 0;
        int checkInCount = 0;
        try {
            for (PlannedPatient planned : CohortPlan.at(now)) {
                UUID patientId = patients.enroll(valid(planned.enrolment())).id();
                loaded.add(patientId);
                logins.add(planned.enrolment().displayName().split(" ")[0].toLowerCase(Locale.ROOT) + ".demo");
                patientCount++;
                List<CheckInRequest> reports = new ArrayList<>();
                for (PlannedSession course : planned.course()) {
                    UUID sessionId = sessions.record(patientId, valid(course.session())).id();
                    sessionCount++;
                    reports.add(course.preCheckIn(sessionId));
                    reports.add(course.postCheckIn(sessionId));
                }
                if (planned.booster() != null) {
                    sessions.record(patientId, valid(planned.booster()));
                    sessionCount++;
                }
                reports.addAll(planned.daily());
                checkInCount += sync(patientId, reports);
            }
        } catch (ProblemException e) {
            // A refusal here means the generator and the rules disagree; the field pointers say which rule.
            throw new IllegalStateException("Demo cohort refused (" + e.getMessage() + "): " + e.errors()
                    + "; loaded " + patientCount + " patients before it", e);
        }
        QuarkusTransaction.requiringNew().run(() -> addLogins(loaded, logins));
        LOG.infof("Loaded demo cohort: %d patients, %d infusion sessions, %d check-ins; logins demo.admin, "
                + "demo.clinician and %s (passwords in the README)", patientCount, sessionCount, checkInCount,
                String.join(", ", logins));
        return true;
    }

    /** An administrator, a clinician caring for the whole cohort, and a login for each demo patient. */
    private void addLogins(List<UUID> patientIds, List<String> patientLogins) {
        users.create("demo.admin", DEMO_PASSWORD_ADMIN, Role.ADMIN, "Demo Administrator", null);
        AppUser clinician = users.create("demo.clinician", DEMO_PASSWORD_CLINICIAN, Role.CLINICIAN,
                "Dr. Demo Clinician", null);
        for (int i = 0; i < patientIds.size(); i++) {
            careTeams.add(patientIds.get(i), clinician.id);
            users.create(patientLogins.get(i), DEMO_PASSWORD_PATIENT, Role.PATIENT,
                    patientRepository.findById(patientIds.get(i)).displayName, patientIds.get(i));
        }
    }

    /**
     * The patient's weeks of reports arrive as one offline sync, as a phone that kept them would send them: the
     * alert rules then judge the course as it stands, not each day of its history as if it were today.
     *
     * @return how many were stored
     */
    private int sync(UUID patientId, List<CheckInRequest> reports) {
        List<JsonNode> items = reports.stream()
                .map(r -> new CheckInRequest(UUID.randomUUID(), r.context(), r.sessionId(), r.recordedAt(),
                        r.scores(), r.note()))
                .map(r -> (JsonNode) mapper.valueToTree(valid(r))).toList();
        CheckInBatchResponse stored = batches.ingest(patientId, new CheckInBatchRequest(items),
                "/api/v1/patients/" + patientId + "/check-ins:batch");
        if (stored.created() != items.size()) {
            throw new IllegalStateException("Demo cohort check-ins refused: " + stored.results().stream()
                    .filter(r -> r.problem() != null).map(r -> r.problem().toString()).toList());
        }
        return stored.created();
    }

    /** The services trust their callers to have applied the request constraints, as the REST layer does. */
    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String which = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            throw new ConstraintViolationException("Demo cohort violates request constraints: " + which, violations);
        }
        return request;
    }
}
