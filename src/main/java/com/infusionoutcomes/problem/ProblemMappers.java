package com.infusionoutcomes.problem;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.infusionoutcomes.problem.Problem.FieldError;

/**
 * Turns every failure into an RFC 9457 problem document. The line between 400 and 422: a body that is not
 * JSON, or a value of the wrong JSON type (a string where a number belongs), is malformed (400); a value of the
 * right type that is not acceptable (a score of 11 or 7.5, an unknown enum constant, a bad date, an unknown
 * property) is invalid (422). Either way each offending field is named by a JSON pointer. Request bodies are read
 * by the JSON package's reader, which lists all their mistakes in one problem (400 if one is of the wrong JSON
 * type); the Jackson failures mapped here are the rest: text that is not JSON, and bodies bound by the framework
 * alone.
 */
public class ProblemMappers {

    /** How text holding the NUL character is refused, wherever it arrives: a body's value, a query parameter. */
    public static final String NUL = "must not contain the NUL character (U+0000)";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = Response.fromResponse(respond(e.toProblem(path(uri))));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    /** No credentials, or a token that failed verification (bad signature, expired, wrong issuer or algorithm). */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(ProblemException.unauthorized("A valid bearer access token is required"), uri);
    }

    /** The caller's role may never use this operation. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemException.forbidden("Your role may not use this operation"), uri);
    }

    /**
     * A versioned update found its row changed by a concurrent request after the If-Match check passed (the
     * services lock rows they correct, so this is a backstop): the version the client named is gone.
     */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response stale(RuntimeException e, UriInfo uri) {
        return respond(new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The record was changed by another request; read it again and reapply your change", null)
                .toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return respond(ProblemException.invalid(fieldErrors(e.getConstraintViolations(), "")).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    /** The problem of a body Jackson could not parse or bind. */
    private static Problem jsonProblem(JsonProcessingException e, String instance) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Parser messages describe tokens; binding messages name Java types, which are ours to keep.
            String what = e instanceof JsonParseException ? e.getOriginalMessage() : "the body must be a JSON object";
            return new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body is not well-formed JSON", List.of(FieldError.at("", what + where)))
                    .toProblem(instance);
        }
        String pointer = pointer(mapping.getPath());
        if (isWrongType(mapping)) {
            return ProblemException.wrongType(List.of(FieldError.at(pointer, "wrong JSON type"))).toProblem(instance);
        }
        return ProblemException.invalid(pointer, describe(mapping)).toProblem(instance);
    }

    /** Whether Jackson refused a value for its JSON type (a string where a number belongs) rather than its content. */
    public static boolean isWrongType(JsonMappingException e) {
        return !(e instanceof UnrecognizedPropertyException)
                && !(e instanceof InvalidFormatException format && isInvalidValueOfRightType(format));
    }

    /** What is wrong with a value of the right JSON type, or with an unknown property. */
    public static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown property; known properties are " + unknown.getKnownPropertyIds();
        }
        return describe((InvalidFormatException) e);
    }

    /** The JSON type a value bound to {@code type} must have, for "wrong JSON type" messages. */
    public static String jsonType(JavaType type) {
        Class<?> raw = type.isPrimitive() ? ClassUtil.wrapperType(type.getRawClass()) : type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "an array";
        }
        if (isIntegral(raw)) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(raw)) {
            return "a number";
        }
        if (raw == Boolean.class) {
            return "true or false";
        }
        return raw.isRecord() || type.isMapLikeType() ? "an object" : "a string";
    }

    /** Bean Validation's findings as field errors, each pointer under {@code prefix}. */
    public static List<FieldError> fieldErrors(Set<? extends ConstraintViolation<?>> violations, String prefix) {
        return violations.stream()
                .map(v -> FieldError.at(prefix + pointer(v.getPropertyPath()), v.getMessage()))
                .toList();
    }

    // Quarkus registers its own mappers for these subtypes; naming them here keeps every JSON error one shape.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // the framework wraps body parse failures in a bare 400
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        // A path that names nothing, whether its id is unknown or not an id at all (not-a-uuid), is one problem.
        Problem problem = status.getStatusCode() == 404
                ? ProblemException.notFound("Resource").toProblem(path(uri))
                : new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                        detail(e, status.getStatusCode(), request, uri), path(uri), null);
        Response.ResponseBuilder builder = Response.status(status.getStatusCode())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        // Keep protocol headers the framework set (WWW-Authenticate on 401, Retry-After on 429).
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        if (status.getStatusCode() == 405 && uri != null && e.getResponse().getHeaderString("Allow") == null) {
            builder.header("Allow", String.join(", ", ContractOperations.allowed(uri.getPath())));
        }
        return builder.build();
    }

    /** 415 and 406 name the media types the operation accepts or produces, so a client can correct its request. */
    private static String detail(WebApplicationException e, int status, Request request, UriInfo uri) {
        if (uri == null || (status != 415 && status != 406)) {
            return e.getMessage();
        }
        Set<String> types = status == 415 ? ContractOperations.accepted(request.getMethod(), uri.getPath())
                : ContractOperations.produced(request.getMethod(), uri.getPath());
        if (types.isEmpty()) {
            return e.getMessage();
        }
        return (status == 415 ? "The request body must be " : "This operation answers with ")
                + String.join(" or ", types) + (status == 415 ? " (Content-Type)" : " (Accept)");
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        // The id lets an operator find the stack trace without the response or the log carrying patient data.
        String incident = UUID.randomUUID().toString();
        LOG.errorf(redacted(e), "Unexpected failure, incident %s", incident);
        return respond(new Problem(ProblemType.INTERNAL_ERROR.uri(), ProblemType.INTERNAL_ERROR.title(), 500,
                "An unexpected error occurred; incident " + incident, path(uri), null));
    }

    /**
     * The same chain of exception types and stack frames, without messages: database and parser messages quote
     * the values of the request, and patient data stays out of logs.
     */
    static Throwable redacted(Throwable e) {
        Throwable cause = e.getCause() == null || e.getCause() == e ? null : redacted(e.getCause());
        Throwable copy = new Throwable(e.getClass().getName() + " (message withheld)", cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static boolean isInvalidValueOfRightType(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        Object value = e.getValue();
        if (target == null) {
            return false;
        }
        if (target.isEnum() || (value instanceof String && !Number.class.isAssignableFrom(wrap(target)))) {
            return true; // an unknown enum constant, an unparseable date, zone or UUID
        }
        return value instanceof Number && isIntegral(target); // 7.5 where an integer belongs
    }

    private static String describe(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target.isEnum()) {
            return "must be one of " + List.of(target.getEnumConstants());
        }
        if (isIntegral(target)) {
            return "must be an integer";
        }
        if (target == OffsetDateTime.class) {
            return "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T08:30:00+01:00";
        }
        if (target == UUID.class) {
            return "must be a UUID";
        }
        if (target == String.class) {
            return NUL;
        }
        return "is not a valid " + target.getSimpleName();
    }

    private static boolean isIntegral(Class<?> type) {
        Class<?> t = wrap(type);
        return t == Integer.class || t == Long.class || t == Short.class;
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == long.class ? Long.class
                : type == short.class ? Short.class : type == double.class ? Double.class : Object.class;
    }

    public static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/').append(ref.getFieldName() != null ? escape(ref.getFieldName()) : ref.getIndex());
        }
        return pointer.toString();
    }

    private static final Set<ElementKind> INVOCATION = Set.of(ElementKind.METHOD, ElementKind.CONSTRUCTOR,
            ElementKind.PARAMETER, ElementKind.CROSS_PARAMETER, ElementKind.RETURN_VALUE);

    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (INVOCATION.contains(node.getKind())) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                pointer.append('/').append(escape(node.getName()));
            }
        }
        return pointer.toString();
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
