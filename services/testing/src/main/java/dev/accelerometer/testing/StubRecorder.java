package dev.accelerometer.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records what a service really answers — in its own test run, against the real database and its seeded data — as
 * WireMock mappings, so that the services calling it can be tested against those answers without starting it
 * ({@link NeighbourStubs}). The recordings live in the recording module's {@code target/stubs}, rewritten by every
 * build, so they cannot drift from the service; the contract tests check the callers' clients against its document.
 */
public final class StubRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArrayNode mappings = JSON.createArrayNode();

    /** Records GET {@code pathAndQuery} for requests to exactly that path and those query parameters. */
    public StubRecorder get(String pathAndQuery) {
        return record(pathAndQuery, request(pathAndQuery), 1, true);
    }

    /**
     * Records GET {@code pathAndQuery} like {@link #get}, without the global REST Assured filters (the spec check of
     * {@link ResponsesMatchTheSpec}): for the hundreds of documents whose schema the caller has already checked through
     * a list answer and one checked GET of the same operation.
     */
    public StubRecorder get(String pathAndQuery, boolean checked) {
        return record(pathAndQuery, request(pathAndQuery), 1, checked);
    }

    /** Records GET {@code pathAndQuery} as the answer to every GET whose path matches {@code pathPattern} (a regex), at low priority. */
    public StubRecorder getAny(String pathPattern, String pathAndQuery) {
        ObjectNode request = JSON.createObjectNode().put("method", "GET").put("urlPathPattern", pathPattern);
        return record(pathAndQuery, request, 10, true);
    }

    /** Writes {@code {"mappings": [...]}} to {@code directory}/mappings/{@code name}.json. */
    public Path write(Path directory, String name) {
        Path file = directory.resolve("mappings").resolve(name + ".json");
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), JSON.createObjectNode().set("mappings", mappings));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    public int size() {
        return mappings.size();
    }

    private static ObjectNode request(String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        ObjectNode request = JSON.createObjectNode().put("method", "GET");
        if (uri.getRawQuery() == null) {
            return request.put("url", uri.getRawPath());
        }
        request.put("urlPath", uri.getRawPath());
        ObjectNode parameters = request.putObject("queryParameters");
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.putObject(kv[0]).put("equalTo", kv.length > 1 ? kv[1] : "");
        }
        return request;
    }

    private StubRecorder record(String pathAndQuery, ObjectNode request, int priority, boolean checked) {
        var specification = checked ? given() : given().noFilters();
        Response answer = specification.urlEncodingEnabled(false).get(pathAndQuery).then().extract().response();
        ObjectNode response = JSON.createObjectNode().put("status", answer.statusCode()).put("body", answer.asString());
        ObjectNode headers = response.putObject("headers");
        for (String name : new String[] {"Content-Type", "ETag", "Retry-After"}) {
            if (answer.header(name) != null) {
                headers.put(name, answer.header(name));
            }
        }
        mappings.addObject().put("priority", priority).<ObjectNode>set("request", request).set("response", response);
        return this;
    }
}
