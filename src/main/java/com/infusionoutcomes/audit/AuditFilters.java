package com.infusionoutcomes.audit;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.infusionoutcomes.access.Actor;
import com.infusionoutcomes.access.Caller;

import io.vertx.core.http.HttpServerRequest;

/**
 * Gives every request an id and a source address for the audit trail, audits failed attempts on patient data,
 * and sets the headers that keep patient data out of caches and browsers' content sniffing.
 */
public class AuditFilters {

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AuditContext context;
    private final AuditLog audit;
    private final Caller caller;

    AuditFilters(AuditContext context, AuditLog audit, Caller caller) {
        this.context = context;
        this.audit = audit;
        this.caller = caller;
    }

    @ServerRequestFilter(preMatching = true)
    public void identify(ContainerRequestContext request, HttpServerRequest http) {
        String given = request.getHeaderString("X-Request-Id");
        context.requestId = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given
                : UUID.randomUUID().toString();
        context.sourceIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        response.getHeaders().putSingle("X-Request-Id", context.requestId);
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/api/")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
        int status = response.getStatus();
        if (status < 400 || context.recorded) {
            return;
        }
        PatientDataRoute route = PatientDataRoute.of(request.getMethod(), path);
        if (route != null) {
            audit.failure(actorIfKnown(), route.action(), route.resourceType(), route.resourceId(), route.patientId(),
                    outcome(status));
        }
    }

    private Actor actorIfKnown() {
        try {
            return caller.actor();
        } catch (RuntimeException anonymousOrInvalidToken) {
            return null;
        }
    }

    private static AuditOutcome outcome(int status) {
        if (status == 401 || status == 403) {
            return AuditOutcome.DENIED;
        }
        if (status == 404) {
            return AuditOutcome.NOT_FOUND;
        }
        return status >= 500 ? AuditOutcome.ERROR : AuditOutcome.REJECTED;
    }
}
