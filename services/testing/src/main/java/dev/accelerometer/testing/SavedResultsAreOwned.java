package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.store.SavedResults;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A service's {@code @QuarkusTest} subclass names a collection of saved results and a cheap request that creates one.
 * Saved with an API key (the test profile's {@code alice:alice-key}, {@code bob:bob-key}) a result belongs to that key:
 * only it lists and deletes it, and its quota binds. Saved without a key, anyone with the id reads it until it expires;
 * nobody lists or deletes it, and the purge removes it once expired. A wrong key is a 401, never silently anonymous.
 */
public abstract class SavedResultsAreOwned {
    private static final String ALICE = TestKeys.ALICE;
    private static final String BOB = TestKeys.BOB;

    @Inject
    SavedResults saved;

    /** The collection, e.g. {@code /v1/estimates}. */
    protected abstract String collection();

    /** A valid, cheap creation request. */
    protected abstract Object createBody();

    /** The table holding the results, schema-qualified ({@code quantization.estimate}). */
    protected abstract String table();

    @Test
    void aKeyOwnsWhatItSavesAndOnlyItListsAndDeletesIt() {
        String id = create(as(ALICE)).then().statusCode(201)
                .body("retention.owner", equalTo("alice"))
                .body("retention.expiresAt", nullValue())
                .extract().path("id");
        given().get(collection() + "/" + id).then().statusCode(200).body("id", equalTo(id));
        as(ALICE).queryParam("pageSize", 200).get(collection()).then().statusCode(200).body("items.id", hasItem(id));
        as(BOB).queryParam("pageSize", 200).get(collection()).then().statusCode(200).body("items.id", not(hasItem(id)));
        given().get(collection()).then().statusCode(401)
                .contentType(equalTo("application/problem+json"))
                .header("WWW-Authenticate", notNullValue())
                .body("violations[0].path", equalTo("X-API-Key"));
        given().delete(collection() + "/" + id).then().statusCode(401);
        as(BOB).delete(collection() + "/" + id).then().statusCode(403).body("type", endsWith("/not-owner"));
        as(ALICE).delete(collection() + "/" + id).then().statusCode(204);
        given().get(collection() + "/" + id).then().statusCode(404);
    }

    /** Of concurrent deletes of one result exactly one succeeds; the rest find it gone (40 threads once got two or three 204s). */
    @Test
    void ofConcurrentDeletesExactlyOneSucceeds() throws Exception {
        String id = create(as(ALICE)).then().statusCode(201).extract().path("id");
        int callers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return as(ALICE).delete(collection() + "/" + id).statusCode();
            }));
        }
        start.countDown();
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 204 || s == 404), statuses.toString());
    }

    @Test
    void withoutAKeyAResultIsReadableUntilItExpiresAndIsThenPurged() throws SQLException {
        Instant before = Instant.now();
        var created = create(given()).then().statusCode(201)
                .body("retention.owner", nullValue())
                .body("retention.expiresAt", notNullValue())
                .extract();
        String id = created.path("id");
        Instant expires = Instant.parse(created.path("retention.expiresAt"));
        // accelerometer.saved.unowned-ttl defaults to 24 hours.
        assertTrue(Math.abs(Duration.between(before.plus(Duration.ofHours(24)), expires).toSeconds()) < 60, "expires at " + expires);
        given().get(collection() + "/" + id).then().statusCode(200);
        as(ALICE).queryParam("pageSize", 200).get(collection()).then().statusCode(200).body("items.id", not(hasItem(id)));
        as(ALICE).delete(collection() + "/" + id).then().statusCode(403).body("type", endsWith("/not-owner"));

        backdate(id);
        given().get(collection() + "/" + id).then().statusCode(404);
        assertEquals(1, rows(id));
        saved.purgeExpired();
        assertEquals(0, rows(id), "the expired result is purged");
    }

    @Test
    void aWrongKeyIsA401NotAnAnonymousSave() {
        create(given().header("X-API-Key", "not-a-key")).then().statusCode(401)
                .contentType(equalTo("application/problem+json"))
                .body("type", endsWith("/unauthorized"))
                .body("violations[0].path", equalTo("X-API-Key"));
        create(given().header("Authorization", "Bearer " + ALICE)).then().statusCode(201).body("retention.owner", equalTo("alice"));
    }

    @Test
    void aKeysQuotaBindsUntilItDeletes() {
        int kept = as(BOB).get(collection()).then().statusCode(200).extract().path("totalItems");
        int previous = saved.setQuota(kept + 1);
        try {
            String id = create(as(BOB)).then().statusCode(201).extract().path("id");
            create(as(BOB)).then().statusCode(403)
                    .contentType(equalTo("application/problem+json"))
                    .body("type", endsWith("/quota-exceeded"));
            create(as(ALICE)).then().statusCode(201);
            as(BOB).delete(collection() + "/" + id).then().statusCode(204);
            create(as(BOB)).then().statusCode(201);
        } finally {
            saved.setQuota(previous);
        }
    }

    private RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }

    private io.restassured.response.Response create(RequestSpecification client) {
        return client.contentType(ContentType.JSON).body(createBody()).post(collection());
    }

    private void backdate(String id) throws SQLException {
        try (Connection db = database();
                PreparedStatement update = db.prepareStatement("update " + table() + " set expires_at = now() - interval '1 minute' where id = ?")) {
            update.setObject(1, UUID.fromString(id));
            assertEquals(1, update.executeUpdate());
        }
    }

    private int rows(String id) throws SQLException {
        try (Connection db = database(); PreparedStatement count = db.prepareStatement("select count(*) from " + table() + " where id = ?")) {
            count.setObject(1, UUID.fromString(id));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }
}
