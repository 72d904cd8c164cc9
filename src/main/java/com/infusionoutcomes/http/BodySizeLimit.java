package com.infusionoutcomes.http;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.infusionoutcomes.problem.Problem;
import com.infusionoutcomes.problem.ProblemMappers;

/**
 * Refuses bodies over 1 MiB as a problem document before reading them. The HTTP layer's own limit
 * ({@code quarkus.http.limits.max-body-size}, set higher) stays as the backstop for bodies sent without a
 * Content-Length; it answers a bare 413.
 */
public class BodySizeLimit {

    static final long MAX_BYTES = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversized(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // the HTTP layer rejects a malformed Content-Length itself
        }
        if (bytes <= MAX_BYTES) {
            return null;
        }
        Problem problem = new Problem("about:blank", "Content Too Large", 413,
                "The request body exceeds " + MAX_BYTES + " bytes", request.getUriInfo().getPath(),
                List.of(Problem.FieldError.at("", "at most " + MAX_BYTES + " bytes")));
        return ProblemMappers.respond(problem);
    }
}
