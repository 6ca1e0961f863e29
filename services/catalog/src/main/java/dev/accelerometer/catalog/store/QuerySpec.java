package dev.accelerometer.catalog.store;

import dev.accelerometer.catalog.domain.Accelerator;
import dev.accelerometer.catalog.domain.AcceleratorFigures;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.catalog.domain.NumberFormat;
import dev.accelerometer.common.problem.ApiException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which query parameters a collection's list accepts, derived from its record: every text or enum field filters by
 * exact (case-insensitive, comma-separated alternatives) match, every number gets {@code minX}/{@code maxX}, every
 * scalar sorts. Accelerators add {@code format} (has a peak for every listed format) and derived-figure sort keys.
 */
public final class QuerySpec {
    public static final List<String> PAGING = List.of("page", "pageSize", "sort", "q");

    public enum Kind { TEXT, NUMBER, BOOLEAN, FORMAT }

    /** A query parameter: its name, what it compares, and the JSON field it reads. */
    public record Filter(String parameter, Kind kind, String field, boolean minimum, String description) {
    }

    public final Collection collection;
    public final Map<String, Filter> filters = new LinkedHashMap<>();
    public final Map<String, String> sortExpressions = new LinkedHashMap<>();

    private QuerySpec(Collection collection) {
        this.collection = collection;
        for (RecordComponent component : collection.type.getRecordComponents()) {
            String name = component.getName();
            Class<?> type = component.getType();
            if (name.equals("version") || name.equals("id") || name.equals("notes") || name.equals("description")) {
                continue;
            }
            if (type == String.class || type.isEnum()) {
                filters.put(name, new Filter(name, Kind.TEXT, name, false, "Exact match on " + name + " (case-insensitive; comma-separated alternatives)."));
                sortExpressions.put(name, "lower(doc->>'" + name + "')");
            } else if (Number.class.isAssignableFrom(type)) {
                String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                filters.put("min" + capitalised, new Filter("min" + capitalised, Kind.NUMBER, name, true, name + " ≥ this value."));
                filters.put("max" + capitalised, new Filter("max" + capitalised, Kind.NUMBER, name, false, name + " ≤ this value."));
                sortExpressions.put(name, "(doc->>'" + name + "')::float8");
            } else if (type == Boolean.class) {
                filters.put(name, new Filter(name, Kind.BOOLEAN, name, false, name + " is true or false."));
            }
        }
        sortExpressions.put("id", "slug");
        if (collection == Collection.ACCELERATORS) {
            filters.put("format", new Filter("format", Kind.FORMAT, null, false,
                    "Only devices with a peak for every listed number format (comma-separated: fp64, fp32, tf32, fp16, bf16, fp8, int8, int4)."));
            for (String figure : List.of("ridgePointFlopsPerByte", "flopsPerSecondPerWatt", "flopsPerSecondPerListPriceUsd", "flopsPerSecondPerCloudUsdPerHour")) {
                for (NumberFormat format : NumberFormat.values()) {
                    String key = "derived." + figure + "." + format.slug();
                    sortExpressions.put(key, AcceleratorFigures.sqlExpression(key));
                }
            }
            for (String key : List.of("derived.memoryBytesPerListPriceUsd", "derived.memoryBytesPerCloudUsdPerHour")) {
                sortExpressions.put(key, AcceleratorFigures.sqlExpression(key));
            }
        }
    }

    private static final Map<Collection, QuerySpec> SPECS = new LinkedHashMap<>();

    static {
        for (Collection c : Collection.values()) {
            SPECS.put(c, new QuerySpec(c));
        }
    }

    public static QuerySpec of(Collection collection) {
        return SPECS.get(collection);
    }

    /** Builds the WHERE clause and ORDER BY for validated parameters; unknown or malformed ones are a 400. */
    public SqlQuery toSql(Map<String, List<String>> parameters) {
        List<FieldError> errors = new ArrayList<>();
        StringBuilder where = new StringBuilder("collection = :collection and deleted_at is null");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("collection", collection.path);
        int n = 0;
        for (var entry : parameters.entrySet()) {
            String parameter = entry.getKey();
            if (PAGING.contains(parameter)) {
                continue;
            }
            Filter filter = filters.get(parameter);
            if (filter == null) {
                errors.add(new FieldError(parameter, "is not a filter of " + collection.path + "; known: " + PAGING + " and " + filters.keySet()));
                continue;
            }
            String raw = entry.getValue().get(entry.getValue().size() - 1);
            String bind = "p" + n++;
            switch (filter.kind()) {
                case TEXT -> {
                    where.append(" and lower(doc->>'").append(filter.field()).append("') = any(string_to_array(:").append(bind).append(", ','))");
                    binds.put(bind, raw.toLowerCase());
                }
                case NUMBER -> {
                    double number;
                    try {
                        number = Double.parseDouble(raw);
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(parameter, "must be a number, got '" + raw + "'"));
                        continue;
                    }
                    if (!Double.isFinite(number)) {
                        errors.add(new FieldError(parameter, "must be a finite number, got '" + raw + "'"));
                        continue;
                    }
                    binds.put(bind, number);
                    where.append(" and (doc->>'").append(filter.field()).append("')::float8 ")
                            .append(filter.minimum() ? ">=" : "<=").append(" :").append(bind);
                }
                case BOOLEAN -> {
                    if (!raw.equals("true") && !raw.equals("false")) {
                        errors.add(new FieldError(parameter, "must be true or false"));
                        continue;
                    }
                    where.append(" and (doc->>'").append(filter.field()).append("')::boolean = :").append(bind);
                    binds.put(bind, Boolean.parseBoolean(raw));
                }
                case FORMAT -> {
                    for (String slug : raw.split(",")) {
                        var format = NumberFormat.fromSlug(slug.trim().toLowerCase());
                        if (format.isEmpty()) {
                            errors.add(new FieldError(parameter, "'" + slug + "' is not a number format; use fp64, fp32, tf32, fp16, bf16, fp8, int8 or int4"));
                        } else {
                            where.append(" and doc->>'").append(Accelerator.peakField(format.get())).append("' is not null");
                        }
                    }
                }
            }
        }
        String q = last(parameters, "q");
        if (q != null && !q.isBlank()) {
            where.append(" and (slug ilike :q or doc->>'name' ilike :q)");
            binds.put("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String orderBy = orderBy(last(parameters, "sort"), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                    : errors.size() + " query parameters are invalid; see violations", errors);
        }
        return new SqlQuery(where.toString(), orderBy, binds);
    }

    private String orderBy(String sort, List<FieldError> errors) {
        if (sort == null || sort.isBlank()) {
            return "slug asc";
        }
        StringBuilder order = new StringBuilder();
        for (String key : sort.split(",")) {
            key = key.trim();
            boolean descending = key.startsWith("-");
            String field = descending || key.startsWith("+") ? key.substring(1) : key;
            String expression = sortExpressions.get(field);
            if (expression == null) {
                errors.add(new FieldError("sort", "'" + field + "' is not sortable; use a field name (prefix '-' for descending), e.g. "
                        + "-peakBf16FlopsPerSecond or derived.flopsPerSecondPerListPriceUsd.bf16; known: " + sortExpressions.keySet()));
                continue;
            }
            order.append(expression).append(descending ? " desc" : " asc").append(" nulls last, ");
        }
        return order.append("slug asc").toString();
    }

    private static String last(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** A validated WHERE clause and ORDER BY with named binds. */
    public record SqlQuery(String where, String orderBy, Map<String, Object> binds) {
    }
}
