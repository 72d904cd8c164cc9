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
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.user.AppUser;
import com.infusionoutcomes.user.Passwords;
import com.infusionoutcomes.user.UserRepository;
import com.infusionoutcomes.user.UserService;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Changing one's own password, and one-time reset codes for those who lost theirs: an administrator issues them
 * for staff, a clinician of the care team for a patient (an administrator holding a patient's code could sign in
 * as the patient and read clinical data). Either way every sign-in of the account ends. bcrypt runs outside any
 * transaction, behind {@link PasswordHashing}.
 */
@ApplicationScoped
public class PasswordService {

    static final Duration RESET_CODE_LIFETIME = Duration.ofHours(24);

    private final UserRepository users;
    private final UserService userService;
    private final PatientService patients;
    private final PasswordResetCodeRepository codes;
    private final LoginThrottle throttle;
    private final PasswordHashing hashing;
    private final Caller caller;
    private final AuditLog audit;

    PasswordService(UserRepository users, UserService userService, PatientService patients,
            PasswordResetCodeRepository codes, LoginThrottle throttle, PasswordHashing hashing, Caller caller,
            AuditLog audit) {
        this.users = users;
        this.userService = userService;
        this.patients = patients;
        this.codes = codes;
        this.throttle = throttle;
        this.hashing = hashing;
        this.caller = caller;
        this.audit = audit;
    }

    /** The current password is checked as a sign-in is: throttled per account and address, then bcrypt. */
    public void change(ChangePasswordRequest request, String address) {
        Actor actor = caller.actor();
        AppUser user = QuarkusTransaction.requiringNew().call(() -> users.findById(actor.userId()));
        if (user == null) {
            throw ProblemException.unauthorized("A valid bearer access token is required");
        }
        Passwords.requireAcceptable("/newPassword", request.newPassword(), user.username);
        LoginThrottle.Attempt attempt = throttle.signIn(user.username, address);
        if (!hashing.matches(request.currentPassword(), user.passwordHash, attempt)) {
            QuarkusTransaction.requiringNew().run(() -> audit.account(actor, AuditAction.CHANGE_PASSWORD, user.id,
                    user.patientId, AuditOutcome.DENIED));
            throw ProblemException.invalid("/currentPassword", "does not match your current password");
        }
        attempt.giveBack();
        String hash = hashing.hash(request.newPassword());
        QuarkusTransaction.requiringNew().run(() -> {
            userService.replacePassword(user.id, hash);
            audit.account(actor, AuditAction.CHANGE_PASSWORD, user.id, user.patientId, AuditOutcome.SUCCESS);
        });
    }

    @Transactional
    public PasswordResetCodeResponse issueForStaff(UUID userId) {
        AppUser user = users.findByIdOptional(userId).orElseThrow(() -> ProblemException.notFound("User"));
        if (user.role == Role.PATIENT) {
            throw ProblemException.forbidden("A patient's reset code comes from a clinician of their care team");
        }
        return issue(user);
    }

    @Transactional
    public PasswordResetCodeResponse issueForPatient(UUID patientId) {
        patients.requireForCare(patientId);
        AppUser user = users.find("patientId", patientId).firstResultOptional()
                .orElseThrow(() -> ProblemException.conflict("This patient has no login yet: issue an enrollment code"));
        return issue(user);
    }

    private PasswordResetCodeResponse issue(AppUser user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        codes.supersede(user.id, now);
        String code = Secrets.code();
        PasswordResetCode stored = new PasswordResetCode();
        stored.codeHash = Secrets.sha256(code);
        stored.userId = user.id;
        stored.createdBy = caller.actor().userId();
        stored.createdAt = now;
        stored.expiresAt = now.plus(RESET_CODE_LIFETIME);
        codes.persist(stored);
        audit.account(caller.actor(), AuditAction.ISSUE_PASSWORD_RESET, user.id, user.patientId, AuditOutcome.SUCCESS);
        return new PasswordResetCodeResponse(code, stored.expiresAt);
    }

    /** Without signing in: the code is the credential. It works once, and only until it expires. */
    public void redeem(PasswordResetRequest request, String address) {
        String hash = Secrets.sha256(Secrets.normaliseCode(request.code()));
        LoginThrottle.Attempt attempt = throttle.code(hash, address);
        AppUser user = QuarkusTransaction.requiringNew().call(() -> {
            PasswordResetCode code = codes.findById(hash);
            return code == null || code.usedAt != null || code.expiresAt.isBefore(Instant.now()) ? null
                    : users.findById(code.userId);
        });
        if (user == null) {
            throw invalidCode();
        }
        attempt.giveBack();
        Passwords.requireAcceptable("/newPassword", request.newPassword(), user.username);
        String newHash = hashing.hash(request.newPassword());
        boolean redeemed = QuarkusTransaction.requiringNew().call(() -> {
            if (!codes.markUsed(hash, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
                return false;
            }
            userService.replacePassword(user.id, newHash);
            audit.account(new Actor(user.id, user.role, user.patientId), AuditAction.RESET_PASSWORD, user.id,
                    user.patientId, AuditOutcome.SUCCESS);
            return true;
        });
        if (!redeemed) {
            throw invalidCode();
        }
    }

    private static ProblemException invalidCode() {
        return ProblemException.invalid("/code", "unknown, used or expired reset code");
    }
}
