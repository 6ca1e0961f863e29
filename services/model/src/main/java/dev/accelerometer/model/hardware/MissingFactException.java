package dev.accelerometer.model.hardware;

/**
 * A cost the model cannot compute because a fact is missing (a link bandwidth, an SM count): never answered with a zero.
 * {@code fact} names the catalog field to fill, so the service can answer 422 naming it.
 */
public final class MissingFactException extends RuntimeException {
    public final String fact;

    public MissingFactException(String fact, String detail) {
        super(detail);
        this.fact = fact;
    }
}
