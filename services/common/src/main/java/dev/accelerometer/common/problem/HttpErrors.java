package dev.accelerometer.common.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.List;

/**
 * Errors the HTTP layer answers before any resource runs — a body larger than the service takes (413) — as RFC 9457
 * problems like every other error, instead of an empty body.
 */
@Singleton
public class HttpErrors {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBody;

    void install(@Observes Router router) {
        long max = maxBody.asLongValue();
        // Ahead of the body handler: a declared length over the limit is refused before a byte of it is read.
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            String declared = context.request().getHeader("Content-Length");
            long length = -1;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                // malformed lengths are the HTTP codec's business
            }
            if (length > max) {
                context.response().putHeader("Connection", "close");
                tooLarge(context, max);
            } else {
                context.next();
            }
        });
        router.errorHandler(413, context -> tooLarge(context, max));
    }

    private static void tooLarge(RoutingContext context, long max) {
        problem(context, 413, "payload-too-large", "Payload too large", "The body is larger than the " + max + " bytes this service "
                + "takes; send a smaller request (catalog imports: split them by collection).", "body", "is larger than " + max + " bytes");
    }

    static void problem(RoutingContext context, int status, String slug, String title, String detail, String field, String message) {
        Problem problem = new Problem(Problem.type(slug), title, status, detail, context.request().path(),
                List.of(new Problem.Violation(field, message)));
        context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }
}
