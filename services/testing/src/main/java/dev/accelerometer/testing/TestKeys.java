package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** The API keys of the test profiles' {@code accelerometer.api-keys} ({@code alice:alice-key,bob:bob-key}). */
public final class TestKeys {
    public static final String ALICE = "alice-key";
    public static final String BOB = "bob-key";

    private TestKeys() {
    }

    /** Requests as alice, who owns what she saves and lists. */
    public static RequestSpecification alice() {
        return given().header("X-API-Key", ALICE);
    }
}
