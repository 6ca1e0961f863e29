package dev.accelerometer.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.catalog.domain.CatalogDocument;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.common.problem.FieldError;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed migrations hold the same standard as the API: every seeded document passes the write validation. */
@QuarkusTest
class SeedDataTest {
    @Inject
    DocumentStore store;
    @Inject
    CatalogService catalog;

    @Test
    void everySeededDocumentPassesTheApiValidation() {
        List<String> failures = new ArrayList<>();
        for (Collection collection : Collection.values()) {
            for (CatalogEntry entry : store.all(collection)) {
                CatalogDocument document = store.read(entry, collection.type);
                List<FieldError> errors = catalog.errors(collection, document, collection.path + "/" + entry.slug + ".",
                        r -> store.exists(r.collection(), r.id()));
                errors.forEach(e -> failures.add(e.field() + " " + e.message()));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void seedCoversTheDevicesBuyersAsk() {
        Set<String> ids = store.all(Collection.ACCELERATORS).stream().map(e -> e.slug).collect(Collectors.toSet());
        assertTrue(ids.size() >= 40, "at least 40 accelerators, got " + ids.size());
        for (String id : List.of("nvidia-k80", "nvidia-v100-sxm2-16gb", "nvidia-t4", "nvidia-rtx-2080-ti", "nvidia-rtx-3090",
                "nvidia-a100-sxm-40gb", "nvidia-a100-sxm-80gb", "nvidia-rtx-a6000", "nvidia-rtx-4090", "nvidia-l4", "nvidia-l40s",
                "nvidia-h100-sxm", "nvidia-h100-pcie", "nvidia-h200", "nvidia-b200", "amd-mi250x", "amd-mi300x",
                "intel-gaudi2", "intel-gaudi3", "google-tpu-v1", "google-tpu-v2", "google-tpu-v3", "google-tpu-v4",
                "google-tpu-v5e", "google-tpu-v5p", "google-tpu-v6e", "google-tpu-v7")) {
            assertTrue(ids.contains(id), "missing " + id);
        }
        Set<String> models = store.all(Collection.MODELS).stream().map(e -> e.slug).collect(Collectors.toSet());
        for (String id : List.of("bert-base", "bert-large", "gpt-3-175b", "llama-2-70b", "llama-3-8b", "opt-175b", "bloom-176b",
                "resnet-50", "vgg-16", "gpt-3-1.3b")) {
            assertTrue(models.contains(id), "missing model " + id);
        }
        // Seeded by the migrations (actor "flyway"); other tests of this run add their own measurements.
        long seeded = store.all(Collection.MEASUREMENTS).stream()
                .map(e -> store.history(Collection.MEASUREMENTS, e.slug))
                .filter(history -> "flyway".equals(history.get(history.size() - 1).actor))
                .count();
        // 61 ledger entries of shared/calibration (V6), 35 nccl-tests bus bandwidths (V12, comm-11 … comm-45) and 27 TPU
        // measurements (V13, tpu-01 … tpu-27), 61 attention-kernel benchmarks and 31 fp8/bf16 training runs (V14), 53 decode
        // speeds under inference runtimes (V15), 40 MoE runs (V17), 74 serving benchmarks (V19), 34 + 33 sparse-kernel
        // measurements (V21, V22); V23 patches accelerators only; 23 GEMV measurements (V24),
        // 79 Sputnik runs (V25) and 58 unstructured/block sparsity measurements (V26).
        assertEquals(61 + 35 + 27 + 61 + 31 + 53 + 40 + 74 + 34 + 33 + 23 + 79 + 58, seeded, "every ledger entry is seeded");
    }
}
