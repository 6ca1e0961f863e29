package dev.accelerometer.planner.service;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveEfficiency;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.planner.api.CollectiveResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Collectives over a planner cluster, by the model library's collective model. */
@ApplicationScoped
public class CollectiveService {
    /** Large messages: within 15 % of published busbw (model CollectiveValidationTest, largest held-out error 13 %). */
    static final double LARGE_BAND = 0.15;
    /** 1 MiB to 1 GiB: within 25 % (NCCL's bandwidth still ramps up; largest error +19 % at 256 MiB on 8×A100). */
    static final double MID_BAND = 0.25;
    /** Latency-bound sizes: within 60 % (small-message times vary 2× between published runs of one system). */
    static final double SMALL_BAND = 0.60;
    /** A link without a published collective measurement (TPU ICI, Infinity Fabric): the band is doubled. */
    static final double ASSUMED_LINK_FACTOR = 2;

    @Inject
    PlanService plans;

    public CollectiveResource.Result estimate(CollectiveResource.Request request) {
        Collective collective = Collective.fromSlug(request.collective()).orElseThrow();
        List<Long> sizes = sizes(request);
        List<String> assumptions = new ArrayList<>();
        Cluster cluster = plans.cluster(request.cluster(), null, assumptions);
        if (cluster.devices() < 2) {
            throw ApiException.invalidField("cluster.devices", "must be at least 2: a collective needs two devices");
        }
        if (!CollectiveModel.supported(cluster, collective)) {
            throw new ApiException(422, "not-modelled", "Not modelled", "All-to-all on a TPU torus is not modelled yet (its cost depends on "
                    + "the torus' bisection, not on rings); choose another collective or a cluster without a torus.",
                    List.of(new Problem.Violation("collective", "all-to-all is not modelled on a torus")));
        }
        CollectiveModel.Algorithm algorithm = CollectiveModel.algorithm(cluster, collective);
        boolean measuredLink = CollectiveEfficiency.measured(cluster.torus() != null ? LinkKind.ICI : cluster.intraKind());
        List<CollectiveResource.Point> points = new ArrayList<>();
        for (long bytes : sizes) {
            CollectiveModel.Estimate e = CollectiveModel.estimate(cluster, collective, bytes);
            points.add(new CollectiveResource.Point(bytes, e.seconds(), e.algorithmBandwidth(), e.busBandwidth(), e.latencyBound(),
                    band(bytes, e.latencyBound(), measuredLink)));
        }
        // The bus bandwidth at 1 TiB: the asymptote the points approach.
        CollectiveModel.Estimate peak = CollectiveModel.estimate(cluster, collective, 1L << 40);
        return new CollectiveResource.Result(collective.slug(), cluster.devices(), cluster.devicesPerNode(), cluster.nodes(),
                algorithm.name().toLowerCase(Locale.ROOT).replace('_', '-'), reason(cluster, collective, algorithm), peak.busBandwidth(), points,
                assumptions, plans.catalogState());
    }

    private static double band(long bytes, boolean latencyBound, boolean measuredLink) {
        double band = latencyBound || bytes < (1L << 20) ? SMALL_BAND : bytes < (1L << 30) ? MID_BAND : LARGE_BAND;
        return measuredLink ? band : band * ASSUMED_LINK_FACTOR;
    }

    private static String reason(Cluster c, Collective collective, CollectiveModel.Algorithm algorithm) {
        return switch (algorithm) {
            case NVLS -> String.format(Locale.ROOT, "NVLink SHARP: the NVSwitch reduces, so each GPU sends and receives the message once; "
                    + "NCCL picks it for all-reduce at %d or more GPUs on a third-generation or later NVSwitch (reaches %.0f %% of 2(n-1)/n × "
                    + "the link)", CollectiveEfficiency.NVLS_MIN_DEVICES, CollectiveEfficiency.NVLS * 100);
            case RING -> String.format(Locale.ROOT, "a ring over the node's %s link at %.0f %% of its bandwidth", c.intraKind().slug(),
                    CollectiveEfficiency.ring(c.intraKind()) * 100)
                    + (collective == Collective.ALL_REDUCE && c.nvls() ? "; NVLink SHARP is not used below " + CollectiveEfficiency.NVLS_MIN_DEVICES
                            + " GPUs (NCCL's choice on 4×H200 and 4×B200)" : "");
            case RING_ACROSS_NODES -> String.format(Locale.ROOT, "rings cross %d nodes through their NICs: bus bandwidth is the smaller of "
                    + "the node link's (%.0f GB/s) and the node's NICs' (%.0f GB/s)", c.nodes(),
                    c.intraBandwidth() / 1e9, c.interBandwidth() * c.devicesPerNode() / 1e9);
            case TORUS -> "bidirectional rings on every axis of the torus " + Arrays.toString(c.torus().axes()) + " at once (XLA "
                    + "collectives on a TPU slice)";
            case POINT_TO_POINT -> "one hop from one device to another";
        };
    }

    private static List<Long> sizes(CollectiveResource.Request request) {
        // Generated SDKs send an empty list for messageBytes the caller never set: an empty list is no list.
        boolean listed = request.messageBytes() != null && !request.messageBytes().isEmpty();
        if (listed == (request.sweep() != null)) {
            throw ApiException.invalidField("messageBytes", "give exactly one of messageBytes (1 to 64 sizes) or sweep");
        }
        if (listed) {
            return request.messageBytes();
        }
        CollectiveResource.Sweep sweep = request.sweep();
        if (sweep.maxBytes() < sweep.minBytes()) {
            throw ApiException.invalidField("sweep.maxBytes", "must be at least sweep.minBytes");
        }
        // factor ≥ 2 and sizes ≤ 2^40 bytes: at most 41 sizes, within MAX_SIZES.
        long factor = sweep.factor() == null ? 2 : sweep.factor();
        List<Long> sizes = new ArrayList<>();
        for (long size = sweep.minBytes(); size <= sweep.maxBytes(); size *= factor) {
            sizes.add(size);
        }
        return sizes;
    }
}
