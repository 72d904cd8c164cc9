package com.infusionoutcomes.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.access.Role;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.system.Cursor;
import com.infusionoutcomes.system.Page;
import com.infusionoutcomes.system.Persistence;
import com.infusionoutcomes.system.ProblemException;

@ApplicationScoped
@Transactional
public class UserService {

    private static final String RESOURCE = "User";

    private final UserRepository users;
    private final AuditLog audit;

    UserService(UserRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Staff accounts only: a PATIENT login must be tied to its patient record through an enrollment code. */
    public UserResponse createStaff(NewUserRequest request) {
        if (request.role() == Role.PATIENT) {
            throw ProblemException.invalid("/role", "patients get a login through an enrollment code");
        }
        AppUser user = create(request.username(), request.password(), request.role(), request.displayName(), null);
        audit.success(AuditAction.CREATE, RESOURCE, user.id, null);
        return UserResponse.from(user);
    }

    public AppUser create(String username, String password, Role role, String displayName, UUID patientId) {
        String name = Passwords.normaliseUsername(username);
        if (users.findByUsername(name).isPresent()) {
            throw usernameTaken();
        }
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.username = name;
        user.passwordHash = Passwords.hash(password);
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
