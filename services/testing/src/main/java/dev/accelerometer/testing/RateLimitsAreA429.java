package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.auth.RateLimits;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A service's {@code @QuarkusTest} subclass names a cheap write, an expensive search and a path that checks a key. The
 * test profile raises the per-client limits (the suites send thousands of requests from one address); each test here
 * lowers one limit to a handful, reaches it, and restores it: over a limit the answer is a 429 problem with Retry-After,
 * reads stay open, and a client that sent too many wrong keys is refused while it presents any key.
 */
public abstract class RateLimitsAreA429 {
    @Inject
    RateLimits limits;

    /** A cheap POST and its body. */
    protected abstract String writePath();

    protected abstract Object writeBody();

    /** An {@code @Expensive} POST and its body. */
    protected abstract String searchPath();

    protected abstract Object searchBody();

    /** A GET that checks an API key when one is presented, and answers 200 without one. */
    protected abstract String keyedPath();

    /** A GET that needs no key. */
    protected abstract String readPath();

    @Test
    void writesOverTheLimitAreA429WithRetryAfter() {
        lowered(RateLimits.Limit.WRITES, 3, () -> {
            for (int i = 0; i < 3; i++) {
                post(writePath(), writeBody()).then().statusCode(not(equalTo(429)));
            }
            Response refused = post(writePath(), writeBody());
            refused.then().statusCode(429)
                    .contentType(equalTo("application/problem+json"))
                    .body("type", endsWith("/rate-limited"))
                    .body("status", equalTo(429));
            // 3 a minute: the next token comes in 20 s.
            int retryAfter = Integer.parseInt(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 20, "Retry-After " + retryAfter);
            given().get(readPath()).then().statusCode(200);
        });
    }

    @Test
    void expensiveSearchesHaveTheirOwnSmallerLimit() {
        lowered(RateLimits.Limit.SEARCHES, 2, () -> {
            post(searchPath(), searchBody()).then().statusCode(not(equalTo(429)));
            post(searchPath(), searchBody()).then().statusCode(not(equalTo(429)));
            post(searchPath(), searchBody()).then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
            post(writePath(), writeBody()).then().statusCode(not(equalTo(429)));
        });
    }

    @Test
    void wrongKeysLockTheClientOutOfKeyedRequests() {
        lowered(RateLimits.Limit.FAILED_AUTHENTICATIONS, 2, () -> {
            given().header("X-API-Key", "guess-1").get(keyedPath()).then().statusCode(401);
            given().header("X-API-Key", "guess-2").get(keyedPath()).then().statusCode(401);
            given().header("X-API-Key", "guess-3").get(keyedPath()).then().statusCode(429).body("type", endsWith("/rate-limited"));
            given().header("Authorization", "Bearer guess-4").get(keyedPath()).then().statusCode(429);
            given().get(readPath()).then().statusCode(200);
        });
    }

    private void lowered(RateLimits.Limit limit, int perMinute, Runnable test) {
        int previous = limits.perMinute(limit);
        limits.setPerMinute(limit, perMinute);
        try {
            test.run();
        } finally {
            limits.setPerMinute(limit, previous);
        }
    }

    private static Response post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }
}
