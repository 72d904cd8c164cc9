package com.infusionoutcomes.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.infusionoutcomes.problem.Problem.FieldError;

/** Thrown by services for any outcome a client caused; rendered as a {@link Problem} by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, Map.of());
    }

    private ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers;
    }

    /** Bad credentials or token; the challenge tells the client which scheme to use. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(ProblemType.UNAUTHORIZED, detail, null, Map.of("WWW-Authenticate", "Bearer"));
    }

    /** An operation the caller's role may never use. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail, null);
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Too many failed attempts; try again later",
                null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** The service is shedding this kind of work for a moment; the client may retry after the given seconds. */
    public static ProblemException busy(long retryAfterSeconds) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "Too many requests of this kind at once; try again shortly", null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found", null);
    }

    /** A change without If-Match: the client must say which version it read (RFC 6585). */
    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(ProblemType.PRECONDITION_REQUIRED, detail, null);
    }

    /** The client changed a version that is no longer current; the answer names the current one. */
    public static ProblemException preconditionFailed(String detail, String currentETag) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, detail, null, Map.of("ETag", currentETag));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, null);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "The request has invalid fields", sorted(errors));
    }

    /**
     * A body with a value of the wrong JSON type (a string where a number belongs) is malformed (400); the errors
     * name that value and every other mistake found with it.
     */
    public static ProblemException wrongType(List<FieldError> errors) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, "A value has the wrong JSON type", sorted(errors));
    }

    // One order for every list of errors, whichever rule found each: clients and tests can rely on it.
    private static List<FieldError> sorted(List<FieldError> errors) {
        return errors.stream()
                .sorted(Comparator.comparing(FieldError::pointer, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(FieldError::detail))
                .toList();
    }

    public static ProblemException invalid(String pointer, String detail) {
        return invalid(List.of(FieldError.at(pointer, detail)));
    }

    public static ProblemException badParameter(String parameter, String detail) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, "Invalid query parameter '" + parameter + "'",
                List.of(FieldError.parameter(parameter, detail)));
    }

    public static ProblemException invalidParameter(String parameter, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid query parameter '" + parameter + "'",
                List.of(FieldError.parameter(parameter, detail)));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Problem toProblem(String instance) {
        return new Problem(type.uri(), type.title(), type.status(), getMessage(), instance,
                errors.isEmpty() ? null : errors);
    }
}
