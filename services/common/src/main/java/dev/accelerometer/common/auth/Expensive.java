package dev.accelerometer.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation whose one call can take a second of CPU or more (a plan search, a comparison across the catalog):
 * besides the write limit, it takes from the smaller per-client search limit ({@link RateLimits}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expensive {
}
