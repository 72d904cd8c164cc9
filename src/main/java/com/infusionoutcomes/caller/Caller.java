package com.infusionoutcomes.caller;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** The actor of the current request, read from its verified access token. */
@RequestScoped
public class Caller {

    public static final String PATIENT_CLAIM = "patient_id";

    @Inject
    JsonWebToken token;

    private Actor override;
    /** Read from the token once: a request asks several times (access checks, the row's author, its audit). */
    private Actor actor;

    public Actor actor() {
        if (override != null) {
            return override;
        }
        if (actor == null) {
            actor = of(token);
            if (actor == null) {
                throw new UnauthorizedException();
            }
        }
        return actor;
    }

    /** The actor a verified token names, or null when it names none (no subject, not exactly one role). */
    public static Actor of(JsonWebToken token) {
        if (token == null || token.getSubject() == null || token.getGroups().size() != 1) {
            return null;
        }
        try {
            Role role = Role.valueOf(token.getGroups().iterator().next());
            String patient = token.getClaim(PATIENT_CLAIM);
            return new Actor(UUID.fromString(token.getSubject()), role,
                    patient == null ? null : UUID.fromString(patient));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** For work the service does on its own behalf (the demo cohort), inside an activated request context. */
    public void actAsSystem() {
        override = Actor.SYSTEM;
    }
}
