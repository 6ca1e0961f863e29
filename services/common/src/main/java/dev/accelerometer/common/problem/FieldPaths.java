package dev.accelerometer.common.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/** Names a field the way a client sees it in JSON: {@code sources[0].url}, {@code host.ramBytes}. */
public final class FieldPaths {
    private FieldPaths() {
    }

    /** The JSON path of a Jackson mapping failure, e.g. {@code sources[1].kind}; empty for the whole body. */
    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The JSON path a streaming parser stood at, e.g. {@code workload.matmul.m} for a number too large for its field (Jackson's
     * InputCoercionException carries no mapping path, only its parser); empty at the top level.
     */
    public static String of(com.fasterxml.jackson.core.JsonStreamContext context) {
        java.util.List<com.fasterxml.jackson.core.JsonStreamContext> chain = new java.util.ArrayList<>();
        for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        StringBuilder path = new StringBuilder();
        for (var c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.append(path.length() > 0 ? "." : "").append(c.getCurrentName());
            } else if (c.inArray()) {
                path.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The JSON path of a Bean Validation violation, without the method and parameter nodes a resource method adds;
     * a constraint on a query or path parameter is named by the parameter.
     */
    public static String of(Path propertyPath) {
        String parameter = null;
        StringBuilder path = new StringBuilder();
        for (Path.Node node : propertyPath) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                path.append('.').append(node.getKey());
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                path.append(path.length() > 0 ? "." : "").append(node.getName());
            }
        }
        if (path.length() == 0) {
            return parameter == null ? "body" : parameter;
        }
        return path.toString();
    }
}
