package dev.accelerometer.common.problem;

import java.util.List;

/** An error the API answers with a problem document; thrown by resources and services. */
public class ApiException extends RuntimeException {
    public final int status;
    public final String typeSlug;
    public final String title;
    public final List<Problem.Violation> violations;

    public ApiException(int status, String typeSlug, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.violations = violations;
    }

    public static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(400, "invalid-request", "Invalid request", detail,
                errors.stream().map(e -> new Problem.Violation(e.field(), e.message())).toList());
    }

    public static ApiException invalidField(String field, String message) {
        return invalid(field + " " + message, List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not-found", "Not found", "No " + what + " with id '" + id + "'.", List.of());
    }

    public static ApiException conflict(String detail, String field) {
        return new ApiException(409, "conflict", "Conflict", detail,
                field == null ? List.of() : List.of(new Problem.Violation(field, detail)));
    }
}
