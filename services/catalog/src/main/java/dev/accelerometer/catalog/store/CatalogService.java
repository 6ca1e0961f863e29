package dev.accelerometer.catalog.store;

import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.CatalogDocument;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.catalog.domain.ModelArchitecture;
import dev.accelerometer.catalog.domain.Provenance;
import dev.accelerometer.catalog.domain.SystemTemplate;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldPaths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The rules a document must satisfy before it is stored, and the references that keep a delete from orphaning others. */
@ApplicationScoped
public class CatalogService {
    @Inject
    Validator validator;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Inject
    DocumentStore store;

    /**
     * Every error in a document, each named by its JSON path under {@code prefix}: bean constraints, provenance,
     * kind rules, and references to other collections (resolved by {@code exists}).
     */
    public List<FieldError> errors(Collection collection, CatalogDocument document, String prefix, Predicate<Reference> exists) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<CatalogDocument> violation : validator.validate(document)) {
            errors.add(new FieldError(FieldPaths.of(violation.getPropertyPath()), violation.getMessage()));
        }
        if (document.sources() != null && document.fieldSources() != null) {
            errors.addAll(Provenance.errors(document));
        }
        // 1e400 parses to Infinity: no field, a measurement's free-form inputs included, may hold a number that is not finite.
        nonFinite(json.valueToTree(document), "", errors);
        if (document instanceof Accelerator accelerator && accelerator.kind() != null) {
            errors.addAll(accelerator.kindErrors());
        }
        if (document instanceof ModelArchitecture model && model.kind() != null) {
            errors.addAll(model.shapeErrors());
        }
        if (document instanceof SystemTemplate system) {
            checkReference(errors, exists, "acceleratorId", new Reference(Collection.ACCELERATORS, system.acceleratorId()));
            checkReference(errors, exists, "intraNodeLinkId", new Reference(Collection.INTERCONNECTS, system.intraNodeLinkId()));
            checkReference(errors, exists, "interNodeLinkId", new Reference(Collection.INTERCONNECTS, system.interNodeLinkId()));
            errors.addAll(system.priceErrors());
            errors.addAll(system.countErrors());
        }
        return errors.stream()
                .map(e -> new FieldError(prefix + e.field(), e.message()))
                .sorted(Comparator.comparing(FieldError::field))
                .distinct()
                .toList();
    }

    private static void nonFinite(com.fasterxml.jackson.databind.JsonNode node, String path, List<FieldError> errors) {
        if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            errors.add(new FieldError(path, "must be a finite number (1e400 and beyond read as infinity)"));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> nonFinite(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                nonFinite(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** Validates one document against the live catalog; a 400 problem lists every error. */
    public void validate(Collection collection, CatalogDocument document) {
        List<FieldError> errors = errors(collection, document, "", r -> store.exists(r.collection(), r.id()));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                    : errors.size() + " fields are invalid; see violations", errors);
        }
    }

    /** Refuses to delete a document others still point at (a system's accelerator or link). */
    public void requireUnreferenced(Collection collection, String id) {
        List<String> users = new ArrayList<>();
        if (collection == Collection.ACCELERATORS) {
            users.addAll(store.referencing(Collection.SYSTEMS, "acceleratorId", id));
        } else if (collection == Collection.INTERCONNECTS) {
            users.addAll(store.referencing(Collection.SYSTEMS, "intraNodeLinkId", id));
            users.addAll(store.referencing(Collection.SYSTEMS, "interNodeLinkId", id));
        }
        if (!users.isEmpty()) {
            throw ApiException.conflict("The " + collection.singular + " '" + id + "' is used by systems "
                    + Set.copyOf(users) + "; change or delete those first.", "id");
        }
    }

    /** A pointer from one document to another. */
    public record Reference(Collection collection, String id) {
    }

    private static void checkReference(List<FieldError> errors, Predicate<Reference> exists, String field, Reference reference) {
        if (reference.id() != null && !exists.test(reference)) {
            errors.add(new FieldError(field, "names no " + reference.collection().singular + " in the catalog: '" + reference.id()
                    + "'; create it first or use an id from GET /v1/" + reference.collection().path));
        }
    }
}
