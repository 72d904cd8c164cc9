package com.infusionoutcomes.audit;

import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.infusionoutcomes.access.Actor;
import com.infusionoutcomes.access.Role;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Audits failed attempts on patient data, and sets the headers that keep patient data out of caches and away
 * from browsers' content sniffing, and that let a client quote the request in a support call.
 */
public class AuditFilters {

    private final AuditLog audit;

    AuditFilters(AuditLog audit) {
        this.audit = audit;
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response, RoutingContext rc) {
        String path = request.getUriInfo().getPath();
        response.getHeaders().putSingle("X-Request-Id", AuditContext.requestId(rc));
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/api/")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
        if (response.getStatus() >= 400) {
            audit.failedRequest(rc, actor(rc), request.getMethod(), path, response.getStatus());
        }
    }

    /** The authenticated caller, if authentication got that far; null for anonymous or refused tokens. */
    private static Actor actor(RoutingContext rc) {
        if (!(rc.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || token.getGroups().size() != 1) {
            return null;
        }
        try {
            String patient = token.getClaim(com.infusionoutcomes.access.Caller.PATIENT_CLAIM);
            return new Actor(UUID.fromString(token.getSubject()), Role.valueOf(token.getGroups().iterator().next()),
                    patient == null ? null : UUID.fromString(patient));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
