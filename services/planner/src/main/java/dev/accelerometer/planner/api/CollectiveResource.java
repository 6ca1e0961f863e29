package dev.accelerometer.planner.api;

import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.common.api.CatalogState;
import dev.accelerometer.planner.service.CollectiveService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Collectives as an API, in the planner because it owns the cluster (catalog system, links inside and between nodes,
 * TPU torus) that plans are evaluated on: the same cluster and the same collective model price a plan's communication.
 */
@Path("/v1/collectives")
@Tag(name = "collectives")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CollectiveResource {
    /** Largest message: 1 TiB per device. */
    static final long MAX_BYTES = 1L << 40;
    /** Most message sizes in one call. */
    public static final int MAX_SIZES = 64;

    @Inject
    CollectiveService collectives;

    @Schema(name = "CollectiveRequest", description = "One collective over a cluster at one or more message sizes (give messageBytes or sweep).")
    public record Request(
            @Schema(description = "The collective, as nccl-tests names its tests.", enumeration = {"all-reduce", "all-gather", "reduce-scatter",
                    "all-to-all", "broadcast", "send-recv"}, example = "all-reduce")
            @NotNull @Pattern(regexp = "all-reduce|all-gather|reduce-scatter|all-to-all|broadcast|send-recv",
                    message = "must be all-reduce, all-gather, reduce-scatter, all-to-all, broadcast or send-recv") String collective,
            @Schema(description = "The devices taking part: a catalog system or an explicit accelerator and links.") @NotNull @Valid ClusterSpec cluster,
            @Schema(description = "Per-device buffer sizes in bytes, as nccl-tests prints them (all-gather: the gathered output).",
                    example = "[1048576, 1073741824]") @Size(max = MAX_SIZES) List<@NotNull @Positive @Max(MAX_BYTES) Long> messageBytes,
            @Schema(description = "Sizes from minBytes to maxBytes, multiplied by factor each step (nccl-tests -b -e -f).") @Valid Sweep sweep) {
    }

    @Schema(name = "CollectiveSweep")
    public record Sweep(
            @Schema(description = "Smallest per-device buffer, bytes.", example = "1024") @NotNull @Positive @Max(MAX_BYTES) Long minBytes,
            @Schema(description = "Largest per-device buffer, bytes.", example = "17179869184") @NotNull @Positive @Max(MAX_BYTES) Long maxBytes,
            @Schema(description = "Multiplier between sizes, a ratio (default 2).", example = "2") @Min(2) @Max(1024) Integer factor) {
    }

    @Schema(name = "CollectivePoint")
    public record Point(
            @Schema(description = "Per-device buffer, bytes.") long messageBytes,
            @Schema(description = "Time of the collective, seconds.") double timeSeconds,
            @Schema(description = "Message size over time, bytes per second (nccl-tests algbw).") double algorithmBandwidthBytesPerSecond,
            @Schema(description = "Algorithm bandwidth times the collective's bus factor, bytes per second (nccl-tests busbw).")
            double busBandwidthBytesPerSecond,
            @Schema(description = "Whether the per-step latency, not bandwidth, dominates at this size.") boolean latencyBound,
            @Schema(description = "Expected error of timeSeconds at this size, a fraction (from the validation against published "
                    + "nccl-tests runs: wider for small messages and for links without published measurements).") double errorBandFraction) {
    }

    @Schema(name = "CollectiveEstimate")
    public record Result(String collective,
            @Schema(description = "Number of devices taking part.") int devices,
            @Schema(description = "Number of devices per node.") int devicesPerNode,
            @Schema(description = "Number of nodes.") int nodes,
            @Schema(description = "The algorithm the estimate runs.", enumeration = {"ring", "nvls", "ring-across-nodes", "torus", "point-to-point"})
            String algorithm,
            @Schema(description = "Why that algorithm, and what bounds it.") String algorithmReason,
            @Schema(description = "Bus bandwidth the algorithm reaches at large messages, bytes per second.") double peakBusBandwidthBytesPerSecond,
            List<Point> points, List<String> assumptions, CatalogState catalog) {
    }

    @POST
    @Operation(operationId = "estimateCollective", summary = "Time, algorithm and bus bandwidth of a collective over a cluster, per message size",
            description = "All-reduce, all-gather, reduce-scatter, all-to-all, broadcast or send/receive over a catalog system or an explicit "
                    + "cluster, with nccl-tests semantics (algbw, busbw), the algorithm chosen (ring, NVLink SHARP, rings across nodes, TPU "
                    + "torus per axis) and why. Link efficiencies come from published nccl-tests runs (catalog measurements, "
                    + "category communication_scaling). Not saved.")
    public Result estimate(@Valid @NotNull Request request) {
        return collectives.estimate(request);
    }
}
