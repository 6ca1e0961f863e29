package dev.accelerometer.common.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** What is wrong with a JSON value, in the words of the API (a number, a string, one of …), never a Java class name. */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** "must be a number", "must be one of [gpu, tpu, other]", "must not be null", or the validator's own "must …" message. */
    public static String describe(JsonMappingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("must ")) {
            return original;
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (original.contains("out of range") || e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
            // 2^31 for a count, 2^63 for bytes: Jackson's "Numeric value (…) out of range of int".
            return outOfRange(original.contains("of int") || e instanceof MismatchedInputException m && m.getTargetType() != null
                    && (m.getTargetType() == Integer.class || m.getTargetType() == int.class));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + expected(m.getTargetType());
        }
        return "has the wrong type or shape";
    }

    /** A whole number beyond its field's Java type: a count (int) or a size (long). */
    static String outOfRange(boolean integer) {
        return "is out of range: must be a whole number up to " + (integer ? "2147483647 (2^31 − 1)" : "9223372036854775807 (2^63 − 1)")
                + "; see the field's maximum in the OpenAPI schema";
    }

    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
