package com.infusionoutcomes.audit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Audits failed attempts on patient data, and sets the headers that keep patient data out of caches and away
 * from browsers' content sniffing, and that let a client quote the request in a support call.
 */
public class AuditFilters {

    private final AuditLog audit;
    private final TokenActor tokens;

    AuditFilters(AuditLog audit, TokenActor tokens) {
        this.audit = audit;
        this.tokens = tokens;
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
            audit.failedRequest(rc, () -> actor(rc), request.getMethod(), path, response.getStatus());
        }
    }

    /**
     * The authenticated caller; when authentication did not run or refused an expired token, the sender its
     * signed token names. Null for anonymous requests and tokens that are not ours.
     */
    private Actor actor(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token) {
            return Caller.of(token);
        }
        return tokens.of(rc.request().getHeader("Authorization"));
    }
}
