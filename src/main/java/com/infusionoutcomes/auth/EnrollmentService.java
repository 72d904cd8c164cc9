package com.infusionoutcomes.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.audit.AuditOutcome;
import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.user.AppUser;
import com.infusionoutcomes.user.Passwords;
import com.infusionoutcomes.user.UserRepository;
import com.infusionoutcomes.user.UserResponse;
import com.infusionoutcomes.user.UserService;

import io.quarkus.narayana.jta.QuarkusTransaction;

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
    private final PasswordHashing hashing;

    EnrollmentService(EnrollmentCodeRepository codes, PatientService patients, UserRepository users,
            UserService userService, Caller caller, AuditLog audit, LoginThrottle throttle, PasswordHashing hashing) {
        this.codes = codes;
        this.patients = patients;
        this.users = users;
        this.userService = userService;
        this.caller = caller;
        this.audit = audit;
        this.throttle = throttle;
        this.hashing = hashing;
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

    /**
     * Creates the patient's login; the code works once and only until it expires. Throttled per code and per
     * address; the password is hashed outside the transaction, behind the bulkhead.
     */
    @Transactional(Transactional.TxType.NEVER)
    public UserResponse redeem(EnrollRequest request, String address) {
        String hash = Secrets.sha256(Secrets.normaliseCode(request.code()));
        LoginThrottle.Attempt attempt = throttle.code(hash, address);
        boolean valid = QuarkusTransaction.requiringNew().call(() -> {
            EnrollmentCode code = codes.findById(hash);
            return code != null && code.usedAt == null && code.expiresAt.isAfter(Instant.now());
        });
        if (!valid) {
            throw invalidCode();
        }
        attempt.giveBack();
        Passwords.requireAcceptable("/password", request.password(), request.username());
        String passwordHash = hashing.hash(request.password());
        return QuarkusTransaction.requiringNew().call(() -> {
            EnrollmentCode code = codes.findById(hash);
            if (users.patientHasLogin(code.patientId)) {
                throw ProblemException.conflict("This patient already has a login");
            }
            if (!codes.markUsed(hash, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
                throw invalidCode(); // redeemed by a concurrent request in the meantime
            }
            Patient patient = patients.requireUnscoped(code.patientId);
            AppUser user = userService.createWithHash(request.username(), passwordHash, Role.PATIENT,
                    patient.displayName, patient.id);
            audit.account(new Actor(user.id, user.role, user.patientId), AuditAction.ENROLL, user.id, patient.id,
                    AuditOutcome.SUCCESS);
            return UserResponse.from(user);
        });
    }

    private static ProblemException invalidCode() {
        return ProblemException.invalid("/code", "unknown, used or expired enrollment code");
    }
}
