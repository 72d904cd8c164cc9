package com.infusionoutcomes.user;

import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.problem.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/** The first administrator, from BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD, created when missing. */
class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @ConfigProperty(name = "bootstrap.admin.username")
    Optional<String> username;

    @ConfigProperty(name = "bootstrap.admin.password")
    Optional<String> password;

    void onStart(@Observes StartupEvent start, UserRepository users, UserService service) {
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        String name = Passwords.normaliseUsername(username.get());
        try {
            boolean created = QuarkusTransaction.requiringNew().call(() -> {
                if (users.findByUsername(name).isPresent()) {
                    return false;
                }
                if (password.get().length() < Passwords.MIN_LENGTH) {
                    throw new IllegalStateException("BOOTSTRAP_ADMIN_PASSWORD must have at least "
                            + Passwords.MIN_LENGTH + " characters");
                }
                service.create(name, password.get(), Role.ADMIN, "Administrator", null);
                return true;
            });
            if (created) {
                LOG.infof("Created bootstrap administrator account '%s'", name);
            }
        } catch (ProblemException e) {
            if (e.type().status() != 409) {
                throw e;
            }
            // Several instances started at once on an empty database: another one created it first.
            LOG.infof("Bootstrap administrator account '%s' was created by another instance", name);
        }
    }
}
