package com.infusionoutcomes.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.audit.AuditOutcome;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.persistence.Persistence;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;

@ApplicationScoped
@Transactional
public class UserService {

    private static final String RESOURCE = "User";

    private final UserRepository users;
    private final Caller caller;
    private final AuditLog audit;
    private final Event<SignInsEnded> signInsEnded;

    UserService(UserRepository users, Caller caller, AuditLog audit, Event<SignInsEnded> signInsEnded) {
        this.users = users;
        this.caller = caller;
        this.audit = audit;
        this.signInsEnded = signInsEnded;
    }

    /** Staff accounts only: a PATIENT login must be tied to its patient record through an enrollment code. */
    public UserResponse createStaff(NewUserRequest request) {
        List<FieldError> errors = request.ruleViolations();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Passwords.requireAcceptable("/password", request.password(), request.username());
        AppUser user = create(request.username(), request.password(), request.role(), request.displayName(), null);
        audit.success(AuditAction.CREATE, RESOURCE, user.id, null);
        return UserResponse.from(user);
    }

    public AppUser create(String username, String password, Role role, String displayName, UUID patientId) {
        return createWithHash(username, Passwords.hash(password), role, displayName, patientId);
    }

    /** As {@link #create}, with the password hashed already (outside the transaction, where sign-ups can flood). */
    public AppUser createWithHash(String username, String passwordHash, Role role, String displayName,
            UUID patientId) {
        String name = Passwords.normaliseUsername(username);
        if (users.findByUsername(name).isPresent()) {
            throw usernameTaken();
        }
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.username = name;
        user.passwordHash = passwordHash;
        user.role = role;
        user.displayName = displayName.trim();
        user.patientId = patientId;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            users.persistAndFlush(user);
        } catch (PersistenceException e) {
            if (Persistence.isUniqueViolation(e)) {
                throw usernameTaken();
            }
            throw e;
        }
        return user;
    }

    /** Ends the account's access at once: it cannot sign in, and every token it holds stops working. */
    public UserResponse deactivate(UUID userId) {
        AppUser user = lock(userId);
        if (user.id.equals(caller.actor().userId())) {
            throw ProblemException.conflict("You cannot deactivate your own account");
        }
        if (user.active) {
            user.active = false;
            signInsEnded.fire(new SignInsEnded(user.id));
            audit.account(caller.actor(), AuditAction.DEACTIVATE, user.id, user.patientId, AuditOutcome.SUCCESS);
        }
        return UserResponse.from(user);
    }

    /** The account may sign in again; tokens it held before its deactivation stay revoked. */
    public UserResponse reactivate(UUID userId) {
        AppUser user = lock(userId);
        if (!user.active) {
            user.active = true;
            audit.account(caller.actor(), AuditAction.REACTIVATE, user.id, user.patientId, AuditOutcome.SUCCESS);
        }
        return UserResponse.from(user);
    }

    /** Stores a new password hash and ends every sign-in of the account. */
    public void replacePassword(UUID userId, String passwordHash) {
        AppUser user = lock(userId);
        user.passwordHash = passwordHash;
        signInsEnded.fire(new SignInsEnded(user.id));
    }

    /** Locked: a deactivation and a concurrent sign-in or password change are applied one after the other. */
    private AppUser lock(UUID userId) {
        AppUser user = users.findById(userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw ProblemException.notFound("User");
        }
        return user;
    }

    /** Reading accounts is audited: a patient's login carries the patient's name and id. */
    public Page<UserResponse> list(Cursor after, int limit) {
        Page<UserResponse> page = Page.of(users.list(after, limit + 1), limit, u -> Cursor.after(u.username, u.id),
                UserResponse::from);
        audit.successShowing(AuditAction.LIST, RESOURCE, page.items(), UserResponse::patientId);
        return page;
    }

    public Optional<UserResponse> get(UUID id) {
        Optional<AppUser> user = users.findByIdOptional(id);
        user.ifPresent(u -> audit.success(AuditAction.READ, RESOURCE, u.id, u.patientId));
        return user.map(UserResponse::from);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AppUser> find(UUID id) {
        return users.findByIdOptional(id);
    }

    private static ProblemException usernameTaken() {
        return ProblemException.conflict("This username is taken");
    }
}
