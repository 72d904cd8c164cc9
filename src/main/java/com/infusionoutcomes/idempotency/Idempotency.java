package com.infusionoutcomes.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.problem.Problem;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.problem.ProblemType;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * Idempotency-Key on every POST (draft-ietf-httpapi-idempotency-key-header). The first request with a key runs
 * and its successful answer is stored under (caller, key); the same request again gets that answer replayed,
 * marked {@code Idempotent-Replayed: true}; the key with another request is 422; while the first still runs,
 * 409. An answer that is not a success is not stored, so a request that failed may be retried with its key.
 * Keys are per caller: another account's key of the same name is a different key.
 */
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final String CLAIM = Idempotency.class.getName() + ".claim";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    private final IdempotencyKeys keys;
    private final Caller caller;
    private final ObjectMapper mapper;
    private final AuditLog audit;

    Idempotency(IdempotencyKeys keys, Caller caller, ObjectMapper mapper, AuditLog audit) {
        this.keys = keys;
        this.caller = caller;
        this.mapper = mapper;
        this.audit = audit;
    }

    /** Runs after routing and authentication, on the worker thread of the request. */
    @ServerRequestFilter
    public Response claim(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())
                || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(NeverReplayed.class)) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Invalid Idempotency-Key header",
                    List.of(Problem.FieldError.parameter(HEADER, "must be 1-255 visible ASCII characters")));
        }
        Actor actor;
        try {
            actor = caller.actor();
        } catch (UnauthorizedException | AuthenticationFailedException e) {
            return null; // refused as usual, without touching the key
        }
        if (actor.isSystem() || actor.userId() == null) {
            return null;
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String path = request.getUriInfo().getPath();
        IdempotencyKeys.Claim claim = keys.claim(actor.userId().toString(), key, fingerprint(path, body));
        if (claim instanceof IdempotencyKeys.Claimed claimed) {
            request.setProperty(CLAIM, claimed);
            return null;
        }
        if (claim instanceof IdempotencyKeys.Replay replay) {
            audit.replayed(path);
            IdempotencyKeys.Stored answer = replay.answer();
            Response.ResponseBuilder response = Response.status(answer.status()).header(REPLAYED, "true");
            if (answer.body() != null) {
                response.entity(answer.body()).type(answer.contentType());
            }
            if (answer.location() != null) {
                response.header(HttpHeaders.LOCATION, answer.location());
            }
            if (answer.etag() != null) {
                response.header(HttpHeaders.ETAG, answer.etag());
            }
            return response.build();
        }
        if (claim instanceof IdempotencyKeys.Mismatch) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a"
                    + " different request (another body, method or path); use a new key for a new request",
                    List.of(Problem.FieldError.parameter(HEADER, "already used for a different request")));
        }
        throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still being processed; retry shortly", null);
    }

    @ServerResponseFilter
    public void complete(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof IdempotencyKeys.Claimed claim)) {
            return;
        }
        request.removeProperty(CLAIM);
        try {
            if (response.getStatus() < 200 || response.getStatus() >= 300) {
                keys.release(claim);
                return;
            }
            Object entity = response.getEntity();
            String body = entity == null ? null
                    : entity instanceof String text ? text : mapper.writeValueAsString(entity);
            keys.complete(claim, new IdempotencyKeys.Stored(response.getStatus(),
                    response.getMediaType() == null ? null : response.getMediaType().toString(),
                    response.getHeaderString(HttpHeaders.LOCATION), response.getHeaderString(HttpHeaders.ETAG),
                    body));
        } catch (Exception e) {
            // The write itself committed; the key stays held until its lease ends, then a retry runs again.
            LOG.errorf("Could not store the answer of an idempotent request: %s", e.getClass().getName());
        }
    }

    /** The request a key stands for: method, path and the exact bytes of the body. */
    static String fingerprint(String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("POST " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
