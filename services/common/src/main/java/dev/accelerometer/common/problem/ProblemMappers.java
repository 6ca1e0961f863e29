package dev.accelerometer.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into RFC 9457 problem details; never a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(FieldPaths.of(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::path))
                .toList();
        String detail = violations.size() == 1
                ? violations.get(0).path() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid; see violations";
        return respond(400, "invalid-request", "Invalid request", detail, uri, violations);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = FieldPaths.of(e);
        return respond(400, "unknown-field", "Unknown field",
                "'" + field + "' is not a field of this resource; remove it (known fields: see the OpenAPI schema)",
                uri, List.of(new Problem.Violation(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e, UriInfo uri) {
        return badJson(e, uri);
    }

    /** Wrong JSON type or shape, a null where none may be: Quarkus has a built-in mapper for this type, with a non-problem body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response badJson(JsonMappingException e, UriInfo uri) {
        String field = FieldPaths.of(e);
        String message = JsonErrors.describe(e);
        return respond(400, "invalid-request", "Invalid request", field.isEmpty() ? "request body " + message : field + " " + message,
                uri, List.of(new Problem.Violation(field.isEmpty() ? "body" : field, message)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException number && number.getProcessor() != null) {
            // A number beyond its field's type (2^31 for a count, 2^63 for bytes): name the field and the type's range.
            String field = FieldPaths.of(number.getProcessor().getParsingContext());
            String message = JsonErrors.outOfRange(number.getTargetType() == Integer.TYPE || number.getTargetType() == Integer.class);
            return respond(400, "invalid-request", "Invalid request", (field.isEmpty() ? "a number" : field) + " " + message, uri,
                    List.of(new Problem.Violation(field.isEmpty() ? "body" : field, message)));
        }
        return respond(400, "malformed-json", "Malformed JSON", "The body is not valid JSON" + where + " (NaN, Infinity, comments and "
                + "unquoted names are not JSON); send one JSON value of the documented schema.", uri,
                List.of(new Problem.Violation("body", "is not valid JSON" + where)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // The JSON reader wraps some body failures (a number out of its field's range, a truncated or non-JSON body) in a bare 400:
        // answer them as their own mappers do, naming the field where there is one.
        if (status == 400 && e.getCause() instanceof JsonMappingException mapping) {
            return badJson(mapping, uri);
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException parsing) {
            return malformedJson(parsing, uri);
        }
        if (status == 415) {
            return respond(415, "unsupported-media-type", "Unsupported media type", "Content-Type must be application/json: the request "
                    + "bodies are JSON (the catalog's CSV import takes text/csv)", uri,
                    List.of(new Problem.Violation("Content-Type", "must be application/json")));
        }
        if (status == 406) {
            return respond(406, "not-acceptable", "Not acceptable", "Accept must allow application/json (answers) and "
                    + "application/problem+json (errors); some operations also offer text/csv or image/svg+xml, as their OpenAPI entries list",
                    uri, List.of(new Problem.Violation("Accept", "must allow application/json")));
        }
        if (status == 404 && e.getCause() instanceof IllegalArgumentException conversion) {
            // JAX-RS answers a query parameter that does not convert (?page=abc) with 404; it is the client's value at fault.
            return unconvertibleParameter(conversion, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, "http-" + status, title, e.getMessage(), uri, List.of());
    }

    /** A 400 naming the query parameter whose value did not convert (found by its value in the conversion's message). */
    private static Response unconvertibleParameter(IllegalArgumentException conversion, UriInfo uri) {
        String message = conversion.getMessage() == null ? "" : conversion.getMessage();
        String field = uri.getQueryParameters().entrySet().stream()
                .filter(p -> p.getValue().stream().anyMatch(v -> message.contains("\"" + v + "\"")))
                .map(java.util.Map.Entry::getKey)
                .findFirst()
                .orElse("query");
        String problem = "has a value of the wrong type" + (conversion instanceof NumberFormatException ? ": expected a whole number" : "");
        return respond(ApiException.invalidField(field, problem), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (DatabaseOutage.is(e)) {
            DatabaseOutage.report(uri.getPath(), e);
            return respond(503, "database-unavailable", "Database unavailable", "This service's database did not answer, so the "
                    + "request was not completed; retry after Retry-After seconds.", uri, List.of());
        }
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return respond(500, "internal-error", "Internal error", "The server failed to answer; the failure is logged.", uri, List.of());
    }

    public static Response respond(ApiException e, UriInfo uri) {
        Response response = respond(e.status, e.typeSlug, e.title, e.getMessage(), uri, e.violations);
        e.headers.forEach((name, value) -> response.getHeaders().putSingle(name, value));
        return response;
    }

    static Response respond(int status, String typeSlug, String title, String detail, UriInfo uri, List<Problem.Violation> violations) {
        Problem problem = new Problem(Problem.type(typeSlug), title, status, detail, uri == null ? null : uri.getPath(), violations);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (status == 503) {
            // A dependency is down: tell clients when a retry is worth it.
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

}
