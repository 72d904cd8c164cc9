package com.infusionoutcomes.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.access.Caller;
import com.infusionoutcomes.access.Role;
import com.infusionoutcomes.account.AppUser;
import com.infusionoutcomes.account.UserRepository;
import com.infusionoutcomes.account.UserResponse;
import com.infusionoutcomes.account.UserService;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.system.ProblemException;

/** Patient onboarding: a clinician issues a one-time code, the patient redeems it for their own login. */
@ApplicationScoped
@Transactional
public class EnrollmentService {

    static final Duration CODE_LIFETIME = Duration.ofHours(72);

    private final EnrollmentCodeRepository codes;
    private final PatientService patients;
    private final UserRepository users;
    private final UserService userService;
    private final Caller caller;
    private final AuditLog audit;
    private final LoginThrottle throttle;

    EnrollmentService(EnrollmentCodeRepository codes, PatientService patients, UserRepository users,
            UserService userService, Caller caller, AuditLog audit, LoginThrottle throttle) {
        this.codes = codes;
        this.patients = patients;
        this.users = users;
        this.userService = userService;
        this.caller = caller;
        this.audit = audit;
        this.throttle = throttle;
    }

    /**
     * Only a clinician of the patient's care team issues a code: whoever holds it becomes the patient, so an
     * administrator issuing one could read the record. A new code replaces the patient's unused ones.
     */
    public EnrollmentCodeResponse issue(UUID patientId) {
        patients.requireForCare(patientId);
        if (users.patientHasLogin(patientId)) {
            throw ProblemException.conflict("This patient already has a login");
        }
        String code = Secrets.code();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EnrollmentCode stored = new EnrollmentCode();
        stored.codeHash = Secrets.sha256(code);
        stored.patientId = patientId;
        stored.createdBy = caller.actor().userId();
        stored.createdAt = now;
        stored.expiresAt = now.plus(CODE_LIFETIME);
        codes.delete("patientId = ?1 and usedAt is null", patientId);
        codes.persist(stored);
        audit.success(AuditAction.CREATE, "EnrollmentCode", null, patientId);
        return new EnrollmentCodeResponse(code, stored.expiresAt);
    }

    /** Creates the patient's login; the code works once and only until it expires. */
    public UserResponse redeem(EnrollRequest request, String address) {
        long wait = throttle.retryAfter("enroll", address);
        if (wait > 0) {
            throw ProblemException.tooManyRequests(wait);
        }
        String normalised = request.code().trim().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        EnrollmentCode code = codes.findById(Secrets.sha256(normalised));
        if (code == null || code.usedAt != null || code.expiresAt.isBefore(Instant.now())) {
            throttle.failed("enroll", address);
            throw ProblemException.invalid("/code", "unknown, used or expired enrollment code");
        }
        if (users.patientHasLogin(code.patientId)) {
            throw ProblemException.conflict("This patient already has a login");
        }
        code.usedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Patient patient = patients.requireUnscoped(code.patientId);
        AppUser user = userService.create(request.username(), request.password(), Role.PATIENT, patient.displayName,
                patient.id);
        return UserResponse.from(user);
    }
}
