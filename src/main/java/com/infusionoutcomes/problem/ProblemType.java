package com.infusionoutcomes.problem;

/** The problem types this API answers with; each URI is stable and documented in the OpenAPI file. */
public enum ProblemType {
    MALFORMED_REQUEST(400, "Malformed request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    VALIDATION_FAILED(422, "Validation failed"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Conflict"),
    PRECONDITION_REQUIRED(428, "Precondition required"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    IDEMPOTENCY_KEY_IN_USE(409, "Idempotency key in use"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "urn:infusion-outcomes:problem:" + name().toLowerCase().replace('_', '-');
    }
}
