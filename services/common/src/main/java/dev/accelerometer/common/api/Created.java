package dev.accelerometer.common.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A 201 whose {@code Location} is an absolute-path reference ({@code /v1/plans/42}, RFC 9110 §10.2.2), not a URL
 * built from the client's {@code Host} header: a forged Host must not come back as a link, and behind a proxy the
 * service does not know its public origin anyway. {@code Response.created} would resolve the reference against the
 * request's base URI, so the header is set as text.
 */
public final class Created {
    private Created() {
    }

    /** 201 with {@code Location: <request path>/<id>}. */
    public static Response.ResponseBuilder at(UriInfo uri, String id) {
        String collection = uri.getAbsolutePath().getRawPath();
        String separator = collection.endsWith("/") ? "" : "/";
        String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, collection + separator + segment);
    }
}
