package dev.accelerometer.common.problem;

import java.util.UUID;

/** Ids of saved resources (comparisons, estimates, plans): a malformed one is a 400 naming the field, not a 500. */
public final class Ids {
    private Ids() {
    }

    /** {@code id} as a UUID; a 400 naming {@code field} (the path parameter it came in) when it is not one. */
    public static UUID uuid(String id, String what, String field) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be " + what + " id (a UUID as returned when it was created); got '" + id + "'");
        }
    }
}
