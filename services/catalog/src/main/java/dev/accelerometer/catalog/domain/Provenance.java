package dev.accelerometer.catalog.domain;

import dev.accelerometer.common.problem.FieldError;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Enforces "every value carries its source": each non-null factual field of a document must be named in
 * {@code fieldSources}, pointing at one of the document's {@code sources}. Nested records are addressed with dots.
 */
public final class Provenance {
    /** Identity and descriptive fields: they name the thing or the evidence; a source for them is optional. */
    private static final Set<String> UNSOURCED = Set.of("id", "name", "vendor", "kind", "family", "category",
            "description", "unit", "measurementType", "confidence", "inputs", "notes", "sources", "fieldSources",
            "version", "derived", "fieldConfidence");

    /** Server-maintained and bookkeeping fields: they can never be named in fieldSources. */
    private static final Set<String> UNSOURCEABLE = Set.of("id", "sources", "fieldSources", "version", "derived", "fieldConfidence");

    private Provenance() {
    }

    /** Each sourced field's confidence, by field name; a field naming an unknown source is left out (validation names it). */
    public static Map<String, ValueConfidence> fieldConfidence(CatalogDocument document) {
        Map<String, Source> byId = new java.util.HashMap<>();
        if (document.sources() != null) {
            document.sources().stream().filter(s -> s != null && s.id() != null).forEach(s -> byId.putIfAbsent(s.id(), s));
        }
        Map<String, ValueConfidence> confidence = new java.util.TreeMap<>();
        if (document.fieldSources() != null) {
            document.fieldSources().forEach((field, sourceId) -> {
                Source source = byId.get(sourceId);
                if (source != null && source.effectiveConfidence() != null) {
                    confidence.put(field, source.effectiveConfidence());
                }
            });
        }
        return confidence;
    }

    public static List<FieldError> errors(CatalogDocument document) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> sourceIds = new HashSet<>();
        List<Source> sources = document.sources() == null ? List.of() : document.sources();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            if (source == null || source.id() == null) {
                continue; // Bean Validation names the missing source or id
            }
            if (!sourceIds.add(source.id())) {
                errors.add(new FieldError("sources[" + i + "].id", "duplicates source id '" + source.id() + "'; source ids must be unique"));
            }
        }
        Map<String, String> fieldSources = document.fieldSources() == null ? Map.of() : document.fieldSources();
        Set<String> known = new TreeSet<>();
        collect((Record) document, "", known, fieldSources, sourceIds, errors);
        for (var entry : fieldSources.entrySet()) {
            if (!known.contains(entry.getKey())) {
                errors.add(new FieldError("fieldSources." + entry.getKey(), "names no field of this resource; use a field name such as " + known.iterator().next() + " (nested: host.ramBytes)"));
            } else if (!sourceIds.contains(entry.getValue())) {
                errors.add(new FieldError("fieldSources." + entry.getKey(), "refers to source '" + entry.getValue() + "', which is not in sources[].id " + new TreeSet<>(sourceIds)));
            }
        }
        return errors;
    }

    private static void collect(Record record, String prefix, Set<String> known, Map<String, String> fieldSources,
            Set<String> sourceIds, List<FieldError> errors) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String name = component.getName();
            if (prefix.isEmpty() && UNSOURCEABLE.contains(name)) {
                continue;
            }
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String path = prefix + name;
            if (component.getType().isRecord()) {
                if (value != null) {
                    collect((Record) value, path + ".", known, fieldSources, sourceIds, errors);
                } else {
                    addNestedNames(component.getType(), path + ".", known);
                }
                continue;
            }
            known.add(path);
            boolean needsSource = !(prefix.isEmpty() && UNSOURCED.contains(name));
            if (needsSource && hasValue(value) && !fieldSources.containsKey(path)) {
                errors.add(new FieldError(path, "has a value but no source: add fieldSources." + path + " naming one of sources[].id"));
            }
        }
    }

    /** Null, an empty list and an empty map state nothing (generated SDKs send [] for an absent array). */
    private static boolean hasValue(Object value) {
        return value != null && !(value instanceof java.util.Collection<?> c && c.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static void addNestedNames(Class<?> type, String prefix, Set<String> known) {
        for (RecordComponent component : type.getRecordComponents()) {
            known.add(prefix + component.getName());
        }
    }
}
