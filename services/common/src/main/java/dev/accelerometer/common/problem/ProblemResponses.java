package dev.accelerometer.common.problem;

import dev.accelerometer.common.openapi.RequestExamples;
import dev.accelerometer.common.openapi.SchemaTightening;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents problem+json responses on every operation so generated SDKs get a typed error: 500, 503 (a database
 * outage, with Retry-After) and 406 (an Accept the operation cannot answer) everywhere, 413 and 415 where there is a
 * request body, 400 where
 * there is a body or parameters, and what {@link #statuses} adds per path. A 4xx/5xx the scanner declared without a
 * problem body (Quarkus' automatic "Bad Request") gets one; every write or computation may be a 429 (rate limits). Saved
 * results ({@link #ownedCollections}) document their API-key security: optional to create (with a key the result is
 * owned and kept), required to list and delete. Also attaches the request-body examples of
 * {@link RequestExamples}. Services subclass it and register it as {@code mp.openapi.filter}; the result is checked by
 * Spectral (.spectral.yaml).
 */
public abstract class ProblemResponses implements OASFilter {
    private static final String API_KEY = "apiKey";
    private static final String BEARER = "bearer";
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("400", "Invalid request: the violations name each field and what to change"),
            Map.entry("401", "Missing or invalid credentials"),
            Map.entry("404", "No such resource"),
            Map.entry("403", "The API key may not do this: the result belongs to another key or none, or the key's quota is full"),
            Map.entry("406", "None of the media types in Accept can be answered; accept application/json (or the documented type)"),
            Map.entry("409", "Conflict with the current state"),
            Map.entry("413", "The request body is larger than the service accepts"),
            Map.entry("415", "The request body must be application/json"),
            Map.entry("422", "Understood but not possible (e.g. a number format the accelerator lacks)"),
            Map.entry("429", "This client sent more than its limit; retry after Retry-After seconds"),
            Map.entry("500", "Internal error"),
            Map.entry("503", "This service's database or a service it depends on did not answer; retry after Retry-After seconds"));

    /** Extra problem statuses for the operations under {@code path}. */
    protected abstract List<String> statuses(String path);

    /** Collections of saved results ({@code /v1/plans}) whose create, list and delete take the caller's API key. */
    protected List<String> ownedCollections() {
        return List.of();
    }

    /** Collections of saved results like {@link #ownedCollections()} whose create needs an API key too (nothing is kept unowned). */
    protected List<String> keyedCollections() {
        return List.of();
    }

    /** A service-specific description of a status, or null for the default. */
    protected String description(String status) {
        return null;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (!ownedCollections().isEmpty() || !keyedCollections().isEmpty()) {
            securitySchemes(openAPI, "API key owning saved results: with it, a result is kept until its owner deletes it and only "
                    + "the owner lists and deletes it; without it, a result is readable by id for a day (where saving without a key "
                    + "is allowed).");
            for (String collection : java.util.stream.Stream.concat(ownedCollections().stream(), keyedCollections().stream()).toList()) {
                PathItem list = openAPI.getPaths().getPathItem(collection);
                PathItem one = openAPI.getPaths().getPathItem(collection + "/{id}");
                if (keyedCollections().contains(collection)) {
                    requireKey(list.getPOST());
                } else {
                    optionalKey(list.getPOST());
                }
                requireKey(list.getGET());
                requireKey(one.getDELETE());
                problem(one.getDELETE(), "403");
                problem(list.getPOST(), "403");
            }
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            problem(operation, "500");
            problem(operation, "503");
            if (operation.getRequestBody() != null || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
                problem(operation, "400");
            }
            problem(operation, "406");
            if (operation.getRequestBody() != null) {
                problem(operation, "413");
                problem(operation, "415");
            }
            statuses(path).forEach(status -> problem(operation, status));
            // Writes take from the client's write limit; any request carrying a key is refused while the client is
            // locked out for wrong keys.
            if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD || operation.getSecurity() != null) {
                problem(operation, "429");
                operation.getResponses().getAPIResponse("429").addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds until this client may send again").schema(OASFactory.createSchema()
                                .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)));
            }
            operation.getResponses().getAPIResponses().keySet().stream()
                    .filter(status -> status.startsWith("4") || status.startsWith("5"))
                    .toList()
                    .forEach(status -> problem(operation, status));
        }));
        RequestExamples.attach(openAPI, getClass().getClassLoader());
        SchemaTightening.apply(openAPI);
    }

    /** Declares the API-key schemes: {@code X-API-Key: key} or {@code Authorization: Bearer key}. */
    protected static void securitySchemes(OpenAPI openAPI, String description) {
        openAPI.getComponents()
                .addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("X-API-Key").description(description))
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The same API key as a bearer token."));
    }

    /** {@code operation} needs an API key (either scheme); 401 without one. */
    protected void requireKey(Operation operation) {
        operation.setSecurity(List.of(
                OASFactory.createSecurityRequirement().addScheme(API_KEY),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
        problem(operation, "401");
    }

    /** {@code operation} takes an API key if given (a wrong one is a 401) and also runs without one. */
    protected void optionalKey(Operation operation) {
        operation.setSecurity(List.of(
                OASFactory.createSecurityRequirement(),
                OASFactory.createSecurityRequirement().addScheme(API_KEY),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
        problem(operation, "401");
    }

    /** Declares {@code status} as a problem document on {@code operation}, unless it already is one. */
    protected void problem(Operation operation, String status) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null && existing.getContent().getMediaType(Problem.MEDIA_TYPE) != null) {
            return;
        }
        String description = description(status);
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description != null ? description : DEFAULTS.getOrDefault(status, "Error"))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
    }
}
