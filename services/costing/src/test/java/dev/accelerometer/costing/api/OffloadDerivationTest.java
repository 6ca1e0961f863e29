package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.hardware.Pcie;
import dev.accelerometer.model.parallel.Host;
import dev.accelerometer.model.parallel.HostOffload;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Re-derives CPU offload's constants from the catalog's ledger (V36, V37): the host's CPU-Adam rate (Host) from the
 * DeepSpeedCPUAdam timers of the measured hosts (the gradient pass's timer is quoted in off-03's source, not a ledger value), and the host-link copy shares (HostOffload) from
 * nvbandwidth's host↔device runs on A100 and H100, each over the PCIe rate of the device's catalog host link.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class OffloadDerivationTest {
    /** The ZeRO-Offload tutorial's model: 50 blocks of 4,096 (12·h² + 13·h each), 50,304 + 1,024 embedding rows, final LayerNorm. */
    static final double TUTORIAL_PARAMETERS = 50 * (12.0 * 4096 * 4096 + 13 * 4096) + (50304 + 1024) * 4096.0 + 2 * 4096;

    @Inject
    CatalogCache catalog;

    @Test
    void theHostsOptimizerRateIsWhatItsTimersImply() {
        Map<String, CatalogMeasurement> ledger = catalog.measurements().stream().collect(Collectors.toMap(CatalogMeasurement::id, Function.identity()));
        assertEquals(10.279e9, TUTORIAL_PARAMETERS, 0.001e9, "the tutorial model's parameters");
        double tutorial = (TUTORIAL_PARAMETERS / (ledger.get("off-03").value() / 1e3) + TUTORIAL_PARAMETERS / (ledger.get("off2-03").value() / 1e3)) / 2;
        double pr735 = 11.6e9 / ledger.get("off-16").value();
        assertEquals("s", ledger.get("off-16").unit());
        double adam = (tutorial + pr735) / 2;
        System.out.printf("CPU-Adam: tutorial host %.4g/s, PR #735 host %.4g/s, mean %.4g parameters/s%n", tutorial, pr735, adam);
        assertEquals(Host.CPU_ADAM_PARAMETERS_PER_SECOND, adam, 1e-4 * adam);
    }

    @Test
    void hostCopiesReachWhatNvbandwidthMeasured() {
        Map<String, CatalogMeasurement> ledger = catalog.measurements().stream().collect(Collectors.toMap(CatalogMeasurement::id, Function.identity()));
        var a100 = catalog.device("nvidia-a100-sxm-40gb", "acceleratorId");
        var h100 = catalog.device("nvidia-h100-sxm", "acceleratorId");
        double a100Link = Pcie.bandwidthPerDirection(a100.hostLinkPcieGeneration(), a100.hostLinkPcieLanes()).orElseThrow();
        double h100Link = Pcie.bandwidthPerDirection(h100.hostLinkPcieGeneration(), h100.hostLinkPcieLanes()).orElseThrow();
        assertEquals("GB/s", ledger.get("off2-13").unit());
        double toDevice = (ledger.get("off2-13").value() * 1e9 / a100Link + ledger.get("off2-15").value() * 1e9 / h100Link) / 2;
        double toHost = ledger.get("off2-16").value() * 1e9 / h100Link;
        System.out.printf("host copies: to the device %.3f of the link, to the host %.3f%n", toDevice, toHost);
        assertEquals(HostOffload.HOST_TO_DEVICE_EFFICIENCY, toDevice, 1e-4);
        assertEquals(HostOffload.DEVICE_TO_HOST_EFFICIENCY, toHost, 1e-4);
    }
}
