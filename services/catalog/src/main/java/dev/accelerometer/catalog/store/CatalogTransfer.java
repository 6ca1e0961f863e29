package dev.accelerometer.catalog.store;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accelerometer.catalog.domain.CatalogDocument;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldPaths;
import dev.accelerometer.common.problem.JsonErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Export and import of the whole catalog. JSON is {@code {"accelerators": [...], "interconnects": [...], ...}} with the
 * documents as stored; CSV is long-form {@code collection,id,field,value} with each top-level field's value as JSON, so
 * both round-trip without loss. An import is all or nothing: every document is validated first, then written in one
 * transaction.
 */
@ApplicationScoped
public class CatalogTransfer {
    /** The most violations an import's problem lists. */
    static final int MAX_LISTED = 100;

    public static final List<String> CSV_HEADER = List.of("collection", "id", "field", "value");

    @Inject
    DocumentStore store;
    @Inject
    CatalogService catalog;
    @Inject
    ObjectMapper json;

    /** Per collection: how many documents the import created, updated and left unchanged. */
    public record Outcome(
            @Schema(description = "Number of documents created.") int created,
            @Schema(description = "Number of documents updated.") int updated,
            @Schema(description = "Number of documents already as given.") int unchanged) {
    }

    public ObjectNode exportJson() {
        ObjectNode bundle = json.createObjectNode();
        for (Collection collection : Collection.values()) {
            var items = bundle.putArray(collection.path);
            for (CatalogEntry entry : store.all(collection)) {
                items.add(store.tree(entry.doc));
            }
        }
        return bundle;
    }

    public String exportCsv() {
        StringBuilder csv = new StringBuilder(Csv.row(CSV_HEADER.toArray(String[]::new)));
        ObjectNode bundle = exportJson();
        for (Collection collection : Collection.values()) {
            for (JsonNode document : bundle.get(collection.path)) {
                String id = document.get("id").asText();
                for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext(); ) {
                    var field = fields.next();
                    if (!field.getKey().equals("id") && !field.getValue().isNull()) {
                        csv.append(Csv.row(collection.path, id, field.getKey(), field.getValue().toString()));
                    }
                }
            }
        }
        return csv.toString();
    }

    @Transactional
    public Map<String, Outcome> importJson(JsonNode bundle, String actor) {
        if (bundle == null || !bundle.isObject()) {
            throw ApiException.invalidField("body", "must be a JSON object with arrays per collection: " + collectionNames());
        }
        Map<Collection, List<JsonNode>> documents = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = bundle.fields(); it.hasNext(); ) {
            var field = it.next();
            var collection = Collection.fromPath(field.getKey());
            if (collection.isEmpty()) {
                errors.add(new FieldError(field.getKey(), "is not a collection; use " + collectionNames()));
            } else if (!field.getValue().isArray()) {
                errors.add(new FieldError(field.getKey(), "must be an array of documents"));
            } else {
                List<JsonNode> items = new ArrayList<>();
                field.getValue().forEach(items::add);
                documents.put(collection.get(), items);
            }
        }
        return importDocuments(documents, errors, actor);
    }

    @Transactional
    public Map<String, Outcome> importCsv(String text, String actor) {
        List<FieldError> errors = new ArrayList<>();
        List<List<String>> rows;
        try {
            rows = Csv.parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("body", "is not valid CSV: " + e.getMessage());
        }
        if (rows.isEmpty() || !rows.get(0).equals(CSV_HEADER)) {
            throw ApiException.invalidField("body", "must start with the header line " + String.join(",", CSV_HEADER));
        }
        Map<Collection, Map<String, ObjectNode>> grouped = new LinkedHashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            String where = "line " + (i + 1);
            if (row.size() != 4) {
                errors.add(new FieldError(where, "has " + row.size() + " fields; every line needs collection,id,field,value"));
                continue;
            }
            var collection = Collection.fromPath(row.get(0));
            if (collection.isEmpty()) {
                errors.add(new FieldError(where + ".collection", "'" + row.get(0) + "' is not a collection; use " + collectionNames()));
                continue;
            }
            JsonNode value;
            try {
                value = json.readTree(row.get(3));
            } catch (JsonProcessingException e) {
                errors.add(new FieldError(where + ".value", "is not valid JSON"));
                continue;
            }
            ObjectNode document = grouped.computeIfAbsent(collection.get(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(row.get(1), id -> json.createObjectNode().put("id", id));
            document.set(row.get(2), value);
        }
        Map<Collection, List<JsonNode>> documents = new LinkedHashMap<>();
        grouped.forEach((collection, byId) -> documents.put(collection, new ArrayList<>(byId.values())));
        return importDocuments(documents, errors, actor);
    }

    private Map<String, Outcome> importDocuments(Map<Collection, List<JsonNode>> raw, List<FieldError> errors, String actor) {
        Map<Collection, List<CatalogDocument>> documents = new LinkedHashMap<>();
        Map<Collection, Set<String>> incoming = new LinkedHashMap<>();
        for (var entry : raw.entrySet()) {
            Collection collection = entry.getKey();
            List<CatalogDocument> parsed = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                JsonNode node = entry.getValue().get(i);
                String where = collection.path + "[" + i + "]";
                if (node == null || !node.isObject()) {
                    errors.add(new FieldError(where, "must be a document (a JSON object)"));
                    continue;
                }
                try {
                    CatalogDocument document = json.treeToValue(node, collection.type);
                    if (document.id() != null && !ids.add(document.id())) {
                        errors.add(new FieldError(where + ".id", "duplicates id '" + document.id() + "' earlier in this import"));
                    }
                    parsed.add(document);
                } catch (JsonMappingException e) {
                    errors.add(new FieldError(where + (FieldPaths.of(e).isEmpty() ? "" : "." + FieldPaths.of(e)), JsonErrors.describe(e)));
                } catch (JsonProcessingException e) {
                    errors.add(new FieldError(where, "is not valid JSON"));
                }
            }
            documents.put(collection, parsed);
            incoming.put(collection, ids);
        }
        for (var entry : documents.entrySet()) {
            List<CatalogDocument> list = entry.getValue();
            for (int i = 0; i < list.size(); i++) {
                errors.addAll(catalog.errors(entry.getKey(), list.get(i), entry.getKey().path + "[" + i + "].",
                        r -> incoming.getOrDefault(r.collection(), Set.of()).contains(r.id()) || store.exists(r.collection(), r.id())));
            }
        }
        if (!errors.isEmpty()) {
            // At most MAX_LISTED violations: a 10 MB import can hold hundreds of thousands of bad fields, and an answer listing them
            // all ran to 34 MB (fuzzing, 2026-12-03); the detail gives the total.
            throw ApiException.invalid("The import was refused and nothing was written: " + errors.size() + " error(s)"
                    + (errors.size() > MAX_LISTED ? " (the first " + MAX_LISTED + " listed)" : "") + ", e.g. "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors.subList(0, Math.min(MAX_LISTED, errors.size())));
        }
        return write(documents, actor);
    }

    private Map<String, Outcome> write(Map<Collection, List<CatalogDocument>> documents, String actor) {
        Map<String, Outcome> outcomes = new TreeMap<>();
        for (Collection collection : Collection.importOrder()) {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (CatalogDocument document : documents.getOrDefault(collection, List.of())) {
                switch (store.upsert(collection, document, actor)) {
                    case "created" -> created++;
                    case "updated" -> updated++;
                    default -> unchanged++;
                }
            }
            if (documents.containsKey(collection)) {
                outcomes.put(collection.path, new Outcome(created, updated, unchanged));
            }
        }
        return outcomes;
    }

    private static List<String> collectionNames() {
        return java.util.Arrays.stream(Collection.values()).map(c -> c.path).toList();
    }
}
