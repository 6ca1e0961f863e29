package dev.accelerometer.dashboard;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.NoCache;

/** Tells the pages where the public APIs are; the browser calls them directly (each service allows this origin by CORS). */
@Path("/config.json")
public class ConfigResource {
    /** Browser-facing base URLs, without a trailing slash. */
    public record PublicUrls(String catalog, String costing, String planner, String quantization) {}

    @Inject
    DashboardConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NoCache
    public PublicUrls get() {
        DashboardConfig.Apis apis = config.apis();
        return new PublicUrls(base(apis.catalog()), base(apis.costing()), base(apis.planner()), base(apis.quantization()));
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
