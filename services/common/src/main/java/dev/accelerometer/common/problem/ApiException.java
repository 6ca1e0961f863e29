package dev.accelerometer.common.problem;

import java.util.List;
import java.util.Map;

/** An error the API answers with a problem document; thrown by resources and services. */
public class ApiException extends RuntimeException {
    public final int status;
    public final String typeSlug;
    public final String title;
    public final List<Problem.Violation> violations;
    /** Response headers the problem needs (Retry-After on a 429, WWW-Authenticate on a 401). */
    public final Map<String, String> headers;

    public ApiException(int status, String typeSlug, String title, String detail, List<Problem.Violation> violations) {
        this(status, typeSlug, title, detail, violations, Map.of());
    }

    public ApiException(int status, String typeSlug, String title, String detail, List<Problem.Violation> violations, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.violations = violations;
        this.headers = headers;
    }

    public static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(400, "invalid-request", "Invalid request", detail,
                errors.stream().map(e -> new Problem.Violation(e.field(), e.message())).toList());
    }

    public static ApiException invalidField(String field, String message) {
        return invalid(field + " " + message, List.of(new FieldError(field, message)));
    }

    /** 422: a fact the answer needs is missing; the violation names the catalog or request field to fill. */
    public static ApiException missingFact(String detail, String field, String message) {
        return new ApiException(422, "missing-fact", "A fact the answer needs is missing", detail, List.of(new Problem.Violation(field, message)));
    }

    public static ApiException notFound(String what, String id) {
        return notFound(what, id, "id");
    }

    /** 404: no {@code what} with {@code id}, which came in the parameter {@code field}. */
    public static ApiException notFound(String what, String id, String field) {
        return new ApiException(404, "not-found", "Not found", "No " + what + " with " + field + " '" + id + "'.",
                List.of(new Problem.Violation(field, "names no " + what + " (deleted, expired, or never created)")));
    }

    public static ApiException conflict(String detail, String field) {
        return new ApiException(409, "conflict", "Conflict", detail,
                field == null ? List.of() : List.of(new Problem.Violation(field, detail)));
    }

    /** 401: no or wrong credentials; the violation names the header to send. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of(new Problem.Violation("X-API-Key", detail)),
                Map.of("WWW-Authenticate", "Bearer realm=\"accelerometer\""));
    }

    /** 403: the credentials are valid but do not allow this (another owner's result, a quota reached). */
    public static ApiException forbidden(String typeSlug, String detail) {
        return new ApiException(403, typeSlug, "Forbidden", detail, List.of(new Problem.Violation("X-API-Key", detail)));
    }

    /** 429: this client sent more than its limit; retry after {@code retryAfterSeconds}. */
    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, "rate-limited", "Too many requests", detail, List.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
