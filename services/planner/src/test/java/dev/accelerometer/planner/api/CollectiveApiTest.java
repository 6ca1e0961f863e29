package dev.accelerometer.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /v1/collectives on the catalog's recorded systems. */
@QuarkusTest
class CollectiveApiTest {
    private static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/collectives").then();
    }

    @Test
    void gpusWithoutAScaleUpLinkReduceOverTheirPcieHostLinks() {
        // Two RTX 4090s (no NVLink; PCIe 4.0 x16 in the catalog, 31.5 GB/s per direction): a ring over the host links at PCIe's ring
        // efficiency, and the answer says so (it was a 422 asking for a link inside the node).
        post(Map.of("collective", "all-reduce", "cluster", Map.of("acceleratorId", "nvidia-rtx-4090", "devices", 2),
                "messageBytes", List.of(1L << 30))).statusCode(200)
                .body("algorithm", equalTo("ring"))
                .body("peakBusBandwidthBytesPerSecond", closeTo(dev.accelerometer.model.collective.CollectiveEfficiency.ring(
                        dev.accelerometer.model.hardware.LinkKind.PCIE) * 16 * 1.969e9, 1e6))
                .body("assumptions", hasItem(containsString("PCIe 4.0 x16 host link")));
    }

    @Test
    void aDgxH100AllReduceRunsNvlsAndMatchesAzuresNcclTestsRun() {
        // Azure ND H100 v5 (8×H100 SXM, NVSwitch gen3), nccl-tests all_reduce_perf at 4 GiB: busbw 475.54 GB/s
        // (Azure/AI-benchmarking-guide, ledger comm-35, read 2026-11-29); the answer's band at that size is 15 %.
        post(Map.of("collective", "all-reduce", "cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 8),
                "sweep", Map.of("minBytes", 1024, "maxBytes", 8L << 30, "factor", 4)))
                .statusCode(200)
                .body("algorithm", equalTo("nvls"))
                .body("nodes", equalTo(1))
                .body("points", hasSize(12))
                .body("points[11].messageBytes", equalTo(4L << 30))
                .body("points[11].busBandwidthBytesPerSecond", closeTo(475.54e9, 475.54e9 * 0.15))
                .body("points[11].errorBandFraction", closeTo(0.15, 1e-9))
                .body("points[0].latencyBound", equalTo(true))
                .body("assumptions", hasItem(containsString("NCCL ring bus bandwidth on published systems")));
    }

    @Test
    void twoDgxA100NodesAreBoundByTheirNics() {
        // 8 HDR ports of 25 GB/s per node at the NIC efficiency: 8 × 25 × 0.890 = 178 GB/s, below the NVSwitch ring's 236.
        post(Map.of("collective", "all-reduce", "cluster", Map.of("systemId", "nvidia-dgx-a100-80gb", "devices", 16),
                "messageBytes", List.of(1L << 34)))
                .statusCode(200)
                .body("algorithm", equalTo("ring-across-nodes"))
                .body("nodes", equalTo(2))
                .body("peakBusBandwidthBytesPerSecond", closeTo(178.0e9, 1.0e9))
                .body("algorithmReason", containsString("NICs"));
    }

    @Test
    void aTpuCubeRunsPerAxisRingsWithAWiderBand() {
        post(Map.of("collective", "all-gather", "cluster", Map.of("systemId", "google-tpu-v4-128", "devices", 64),
                "messageBytes", List.of(1L << 30)))
                .statusCode(200)
                .body("algorithm", equalTo("torus"))
                .body("points[0].errorBandFraction", closeTo(0.30, 1e-9))
                .body("assumptions", hasItem(containsString("no published collective measurement")));
        post(Map.of("collective", "all-to-all", "cluster", Map.of("systemId", "google-tpu-v4-128", "devices", 64),
                "messageBytes", List.of(1L << 30)))
                .statusCode(422)
                .body("violations[0].path", equalTo("collective"));
    }

    @Test
    void anExplicitTpuSliceIsATorusAndAShapeThatDoesNotFitIsRefused() {
        // A v4 slice of 8×8×8 = 512 chips on tpu-ici-v4 (6 links per chip): the all-reduce runs on all three axes.
        Map<String, Object> slice = Map.of("acceleratorId", "google-tpu-v4", "devices", 512, "devicesPerNode", 4,
                "intraNodeLinkId", "tpu-ici-v4", "interNodeLinkId", "tpu-ici-v4", "torusShape", List.of(8, 8, 8));
        post(Map.of("collective", "all-reduce", "cluster", slice, "messageBytes", List.of(1L << 30)))
                .statusCode(200).body("algorithm", equalTo("torus")).body("algorithmReason", containsString("[8, 8, 8]"));
        Map<String, Object> wrong = new java.util.HashMap<>(slice);
        wrong.put("torusShape", List.of(8, 8, 4));
        post(Map.of("collective", "all-reduce", "cluster", wrong, "messageBytes", List.of(1024)))
                .statusCode(400).body("violations[0].path", equalTo("cluster.torusShape"));
        // The catalog's v4-128 system is one 4×4×4 cube: 128 chips do not fit in it.
        post(Map.of("collective", "all-reduce", "cluster", Map.of("systemId", "google-tpu-v4-128", "devices", 128), "messageBytes", List.of(1024)))
                .statusCode(400).body("violations[0].path", equalTo("cluster.devices"));
        // A link the accelerator cannot use: NVLink on a TPU, ICI on a GPU, NVSwitch on a PCIe-only card.
        post(Map.of("collective", "all-reduce", "cluster", Map.of("acceleratorId", "google-tpu-v4", "devices", 4, "intraNodeLinkId", "nvlink-4"),
                "messageBytes", List.of(1024))).statusCode(400).body("violations[0].path", equalTo("cluster.intraNodeLinkId"));
        post(Map.of("collective", "all-reduce", "cluster", Map.of("acceleratorId", "nvidia-h100-sxm", "devices", 4, "intraNodeLinkId", "tpu-ici-v4"),
                "messageBytes", List.of(1024))).statusCode(400).body("violations[0].path", equalTo("cluster.intraNodeLinkId"));
        post(Map.of("collective", "all-reduce", "cluster", Map.of("acceleratorId", "nvidia-h100-sxm", "devices", 8, "torusShape", List.of(2, 4)),
                "messageBytes", List.of(1024))).statusCode(400).body("violations[0].path", equalTo("cluster.torusShape"));
    }

    @Test
    void badInputNamesTheField() {
        Map<String, Object> cluster = Map.of("systemId", "nvidia-dgx-h100", "devices", 8);
        post(Map.of("collective", "all-reduce", "cluster", cluster, "messageBytes", List.of(1024), "sweep", Map.of("minBytes", 1, "maxBytes", 2)))
                .statusCode(400).body("violations[0].path", equalTo("messageBytes"));
        post(Map.of("collective", "all-reduce", "cluster", cluster, "sweep", Map.of("minBytes", 1, "maxBytes", 1L << 40, "factor", 1)))
                .statusCode(400).body("violations[0].path", equalTo("sweep.factor"));
        post(Map.of("collective", "all-reduce", "cluster", cluster, "sweep", Map.of("minBytes", 1024, "maxBytes", 8)))
                .statusCode(400).body("violations[0].path", equalTo("sweep.maxBytes"));
        post(Map.of("collective", "allreduce", "cluster", cluster, "messageBytes", List.of(1024)))
                .statusCode(400).body("violations.path", hasItem("collective"));
        post(Map.of("collective", "all-reduce", "cluster", cluster, "messageBytes", List.of()))
                .statusCode(400).body("violations[0].path", equalTo("messageBytes"));
        post(Map.of("collective", "all-reduce", "cluster", cluster, "messageBytes", List.of(0)))
                .statusCode(400).body("violations.path", everyItem(containsString("messageBytes")));
        post(Map.of("collective", "all-reduce", "cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 12), "messageBytes", List.of(1024)))
                .statusCode(400).body("violations[0].path", equalTo("cluster.devices"));
        post(Map.of("collective", "all-reduce", "cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 1), "messageBytes", List.of(1024)))
                .statusCode(400).body("violations[0].path", equalTo("cluster.devices"));
        post(Map.of("collective", "all-reduce", "cluster", Map.of("systemId", "no-such-system", "devices", 8), "messageBytes", List.of(1024)))
                .statusCode(404).body("type", endsWith("/not-found"));
    }
}
