package dev.accelerometer.common.problem;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before any resource is matched. Refuses what no service can store or answer: a NUL character in the path or in
 * a query parameter (PostgreSQL refuses NUL in text, so it reached the database as a 500); the problem names the
 * parameter. And accepts what generated SDKs send: openapi-generator asks for {@code application/problem+json} alone on
 * operations whose only JSON response is the error (DELETE, CSV export, SVG roofline); a client that accepts the
 * error's type must also get the success, so such an Accept header is widened with {@code *}{@code /*}. And refuses a
 * body declared in a charset other than UTF-8 (JSON is exchanged in UTF-8, RFC 8259 §8.1): it used to be read as UTF-8
 * whatever it said.
 */
public class RequestGuards {
    @ServerRequestFilter(preMatching = true)
    public void acceptProblemClients(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String joined = String.join(",", accept);
        if (joined.contains(Problem.MEDIA_TYPE) && !joined.contains("*/*")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, joined + ", */*;q=0.1");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNul(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf('\u0000') >= 0) {
            return Optional.of(refusal("path", request));
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            boolean nul = parameter.getKey().indexOf('\u0000') >= 0 || parameter.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0);
            if (nul) {
                return Optional.of(refusal(parameter.getKey().replace('\u0000', '?'), request));
            }
        }
        return Optional.empty();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseForeignCharsets(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean body = length != null ? !length.trim().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
        // Only a body is decoded: an empty POST may carry any charset (REST Assured sends ISO-8859-1 by default).
        if (contentType == null || !body || HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
            return Optional.empty();
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    String detail = "charset " + charset + " is not accepted: send JSON in UTF-8 (RFC 8259 §8.1), with charset=utf-8 or none";
                    return Optional.of(ProblemMappers.respond(new ApiException(415, "unsupported-media-type", "Unsupported media type", detail,
                            List.of(new Problem.Violation("Content-Type", detail))), request.getUriInfo()));
                }
            }
        }
        return Optional.empty();
    }

    private static Response refusal(String field, ContainerRequestContext request) {
        return ProblemMappers.respond(ApiException.invalidField(field, "must not contain NUL (%00) characters"), request.getUriInfo());
    }
}
