package dev.accelerometer.catalog.api;

import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.catalog.store.QuerySpec;
import dev.accelerometer.common.problem.ProblemResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Completes the spec the scanner derives from the generic document resources: stable operationIds and summaries per
 * collection, typed success bodies, the list filters {@link QuerySpec} accepts (each numeric filter quoting its field's
 * description, unit included), problem responses and API-key security; then the shared {@link ProblemResponses} pass
 * (500/400 everywhere, request-body examples). Generated from the same metadata the code runs on, so the spec cannot
 * drift from the behaviour.
 */
public class OpenApiDocumenter extends ProblemResponses {
    private static final Map<Collection, String> SCHEMAS = Map.of(
            Collection.ACCELERATORS, "Accelerator", Collection.INTERCONNECTS, "Interconnect", Collection.SYSTEMS, "System",
            Collection.MODELS, "Model", Collection.MEASUREMENTS, "Measurement");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        securitySchemes(openAPI, "API key for writes (reads are open).");
        Map<String, PathItem> paths = new LinkedHashMap<>(openAPI.getPaths().getPathItems());
        for (var entry : paths.entrySet()) {
            String path = entry.getKey();
            PathItem item = entry.getValue();
            for (Collection collection : Collection.values()) {
                String base = "/v1/" + collection.path;
                if (path.equals(base)) {
                    documentCollection(openAPI, collection, item);
                } else if (path.equals(base + "/{id}")) {
                    documentItem(collection, item);
                } else if (path.equals(base + "/{id}/history")) {
                    name(item.getGET(), "get" + singular(collection) + "History", "Change history of one " + collection.singular,
                            "Every revision, newest first: what the document became, who changed it and when.");
                    problems(item.getGET(), 400, 404);
                } else if (path.equals(base + "/{id}/restore")) {
                    name(item.getPOST(), "restore" + singular(collection), "Restore a deleted " + collection.singular,
                            "Brings back a deleted " + collection.singular + " as it was; recorded in the history.");
                    ok(item.getPOST(), "200", collection);
                    requireKey(item.getPOST());
                    problems(item.getPOST(), 400, 404, 409);
                }
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getSecurity() == null && isWrite(operation)) {
                    requireKey(operation);
                }
            }
        }
        super.filterOpenAPI(openAPI);
    }

    @Override
    protected List<String> statuses(String path) {
        return List.of();
    }

    @Override
    protected String description(String status) {
        return DESCRIPTIONS.get(status);
    }

    private static boolean isWrite(Operation operation) {
        String id = operation.getOperationId();
        return id != null && id.startsWith("import");
    }

    private void documentCollection(OpenAPI openAPI, Collection collection, PathItem item) {
        String plural = Character.toUpperCase(collection.path.charAt(0)) + collection.path.substring(1);
        Operation list = item.getGET();
        name(list, "list" + plural, "List " + collection.path,
                "Filters: exact match on text fields (comma-separated alternatives), min/max on every number; sort on any field "
                        + "(prefix '-' for descending)" + (collection == Collection.ACCELERATORS ? " or derived figure, e.g. derived.flopsPerSecondPerListPriceUsd.bf16" : "")
                        + "; 1-based pages.");
        List<Parameter> parameters = new ArrayList<>(list.getParameters() == null ? List.of() : list.getParameters());
        parameters.add(query("sort", "Comma-separated sort keys, '-' for descending, e.g. -peakBf16FlopsPerSecond,name.", Schema.SchemaType.STRING));
        parameters.add(query("q", "Substring of the id or name (case-insensitive).", Schema.SchemaType.STRING));
        for (QuerySpec.Filter filter : QuerySpec.of(collection).filters.values()) {
            parameters.add(query(filter.parameter(), describe(openAPI, collection, filter),
                    filter.kind() == QuerySpec.Kind.NUMBER ? Schema.SchemaType.NUMBER
                            : filter.kind() == QuerySpec.Kind.BOOLEAN ? Schema.SchemaType.BOOLEAN : Schema.SchemaType.STRING));
        }
        list.setParameters(parameters);
        problems(list, 400);
        Operation create = item.getPOST();
        name(create, "create" + singular(collection), "Create " + article(collection) + " " + collection.singular,
                "Every value needs a source: list them in sources and name one per field in fieldSources. Returns 201 with Location and ETag.");
        create.getResponses().removeAPIResponse("200");
        ok(create, "201", collection);
        requireKey(create);
        problems(create, 400, 409);
    }

    private void documentItem(Collection collection, PathItem item) {
        name(item.getGET(), "get" + singular(collection), "Get one " + collection.singular + " by id",
                "Includes its sources; the ETag is the revision to send in If-Match when updating. If-None-Match gives 304.");
        ok(item.getGET(), "200", collection);
        item.getGET().getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                .description("Not modified: the revision is the one named in If-None-Match"));
        problems(item.getGET(), 400, 404, 410);
        name(item.getPUT(), "replace" + singular(collection), "Replace " + article(collection) + " " + collection.singular,
                "Requires If-Match with the ETag of the revision you read; 412 when someone changed it since, 428 without If-Match.");
        ok(item.getPUT(), "200", collection);
        requireKey(item.getPUT());
        problems(item.getPUT(), 400, 404, 410, 412, 428);
        requireIfMatch(item.getPUT());
        name(item.getDELETE(), "delete" + singular(collection), "Delete " + article(collection) + " " + collection.singular,
                "Soft delete, recorded in the history and undone by restore. Requires If-Match with the ETag of the revision you read, "
                        + "like replace: 412 when someone changed it since, 428 without If-Match. 409 while systems still use it.");
        item.getDELETE().getResponses().removeAPIResponse("200");
        item.getDELETE().getResponses().addAPIResponse("204", OASFactory.createAPIResponse().description("Deleted"));
        requireKey(item.getDELETE());
        problems(item.getDELETE(), 400, 404, 409, 410, 412, 428);
        requireIfMatch(item.getDELETE());
    }

    /** If-Match is required on every write to an existing document; the server answers 428 without it. */
    private static void requireIfMatch(Operation operation) {
        operation.getParameters().stream().filter(p -> "If-Match".equals(p.getName())).forEach(p -> p
                .required(true)
                .description("The ETag of the revision you read (from GET or the last write), e.g. \"3\"."));
    }

    private static void name(Operation operation, String id, String summary, String description) {
        operation.setOperationId(id);
        operation.setSummary(summary);
        operation.setDescription(description);
    }

    private static void ok(Operation operation, String status, Collection collection) {
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                .description(status.equals("201") ? "Created" : "OK")
                .content(json("#/components/schemas/" + SCHEMAS.get(collection), "application/json")));
    }

    /** A numeric filter's description followed by its field's, so the parameter states the field's unit. */
    private static String describe(OpenAPI openAPI, Collection collection, QuerySpec.Filter filter) {
        if (filter.kind() != QuerySpec.Kind.NUMBER) {
            return filter.description();
        }
        Schema document = openAPI.getComponents().getSchemas().get(SCHEMAS.get(collection));
        Schema field = document == null || document.getProperties() == null ? null : document.getProperties().get(filter.field());
        return field == null || field.getDescription() == null ? filter.description()
                : filter.description() + " " + filter.field() + ": " + field.getDescription();
    }

    private void problems(Operation operation, int... statuses) {
        for (int status : statuses) {
            problem(operation, Integer.toString(status));
        }
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "Invalid request: the violations name each field and what to change",
            "401", "Missing or invalid API key",
            "404", "No such id",
            "409", "Conflict: the id exists, or other documents still refer to this one",
            "410", "Deleted: restore it first",
            "412", "Stale If-Match: someone changed the document since you read it",
            "428", "If-Match is required",
            "500", "Internal error",
            "503", "The catalog's database did not answer; retry after Retry-After seconds");

    private static Content json(String ref, String mediaType) {
        return OASFactory.createContent().addMediaType(mediaType,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ref)));
    }

    private static Parameter query(String name, String description, Schema.SchemaType type) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).description(description)
                .schema(OASFactory.createSchema().addType(type));
    }

    private static String singular(Collection collection) {
        return SCHEMAS.get(collection);
    }

    private static String article(Collection collection) {
        return "aeiou".indexOf(collection.singular.charAt(0)) >= 0 ? "an" : "a";
    }
}
