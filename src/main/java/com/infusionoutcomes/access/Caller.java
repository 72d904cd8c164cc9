package com.infusionoutcomes.access;

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

    public Actor actor() {
        if (override != null) {
            return override;
        }
        if (token == null || token.getSubject() == null || token.getGroups().size() != 1) {
            throw new UnauthorizedException();
        }
        Role role = Role.valueOf(token.getGroups().iterator().next());
        String patient = token.getClaim(PATIENT_CLAIM);
        return new Actor(UUID.fromString(token.getSubject()), role, patient == null ? null : UUID.fromString(patient));
    }

    /** For work the service does on its own behalf (the demo cohort), inside an activated request context. */
    public void actAsSystem() {
        override = Actor.SYSTEM;
    }
}
