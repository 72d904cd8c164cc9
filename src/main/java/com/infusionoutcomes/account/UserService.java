package com.infusionoutcomes.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.access.Role;
import com.infusionoutcomes.system.Cursor;
import com.infusionoutcomes.system.Page;
import com.infusionoutcomes.system.Persistence;
import com.infusionoutcomes.system.Problem.FieldError;
import com.infusionoutcomes.system.ProblemException;

@ApplicationScoped
@Transactional
public class UserService {

    private final UserRepository users;

    UserService(UserRepository users) {
        this.users = users;
    }

    /** Staff accounts only: a PATIENT login must be tied to its patient record through an enrollment code. */
    public UserResponse createStaff(NewUserRequest request) {
        List<FieldError> errors = request.ruleViolations();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return UserResponse.from(create(request.username(), request.password(), request.role(),
                request.displayName(), null));
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

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserResponse> list(Cursor after, int limit) {
        return Page.of(users.list(after, limit + 1), limit, u -> Cursor.after(u.username, u.id), UserResponse::from);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AppUser> find(UUID id) {
        return users.findByIdOptional(id);
    }

    private static ProblemException usernameTaken() {
        return ProblemException.conflict("This username is taken");
    }
}
