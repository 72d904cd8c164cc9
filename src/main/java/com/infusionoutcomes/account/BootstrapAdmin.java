package com.infusionoutcomes.account;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.infusionoutcomes.access.Role;

import io.quarkus.runtime.StartupEvent;

/** The first administrator, from BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD, created when missing. */
class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @ConfigProperty(name = "bootstrap.admin.username")
    Optional<String> username;

    @ConfigProperty(name = "bootstrap.admin.password")
    Optional<String> password;

    @Transactional
    void onStart(@Observes StartupEvent start, UserRepository users, UserService service) {
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        if (users.findByUsername(username.get()).isPresent()) {
            return;
        }
        if (password.get().length() < Passwords.MIN_LENGTH) {
            throw new IllegalStateException("BOOTSTRAP_ADMIN_PASSWORD must have at least " + Passwords.MIN_LENGTH
                    + " characters");
        }
        service.create(username.get(), password.get(), Role.ADMIN, "Administrator", null);
        LOG.infof("Created bootstrap administrator account '%s'", Passwords.normaliseUsername(username.get()));
    }
}
