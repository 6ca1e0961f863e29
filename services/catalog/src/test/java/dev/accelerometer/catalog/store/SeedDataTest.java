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

    /**
     * Issue 18's bar — every accelerator priced and powered — held as an explicit list of the gaps, each for a reason recorded in
     * the catalog notes or the migrations, so a new accelerator without a TDP or a price fails here: no chip power is
     * published for TPU v5e, v5p, v6e and v7 (Google gives perf/watt ratios only); no price was found for the MI250X, the TPU v1
     * (never sold or rented), the TPU v7 (quoted by account teams only), the 144 GB GH200 (clouds list the 96 GB part), the
     * H800 (sold in China only) and the GB300 (rented by the NVL72 rack, "contact sales", no per-GPU price published by 2026-11-30).
     * Apple silicon has no chip power (Apple publishes the whole Mac Studio's) and its build-to-order chips (M1 Max 32-core, M2 Max
     * 38-core, M2 Ultra 76-core) no price of their own (V35). Four list prices are a third party's MSRPs dated by release year only (no YYYY-MM to store).
     * V42's parts: AWS publishes no Trainium 2/3 chip power and no on-demand trn2/trn3 price was found; no dated price was found for the
     * H200 NVL, the V100 SXM3 (sold inside the DGX-2 only), the P100 PCIe, the MI355X or the MI250X (nor one GCD of it); Apple's M3 Max
     * 40-core and M3 Ultra 80-core are build-to-order upgrades without a price of their own, and no chip power.
     * V64's parts: no Apple chip has a published power; no dated list price was read for the RTX A4000/A4500/A5000, A30, RTX 5000 Ada,
     * L40 (sold through partners at quoted prices), the RTX 2080 SUPER (no source stated its MSRP), the Macs' build-to-order GPU bins
     * (M1 Ultra 64-core, M2 Pro 19-core, M4 Max 40-core) or the M3 Pro/Max bins (press prices do not say which GPU the base models have);
     * the RTX 3080 Ti's $1,199 MSRP was read in a review without a launch date. V67: AWS rents the A10G and sells no card (no g5
     * price is in the catalog's systems); no source read gave the Jetson AGX Orin 64GB developer kit's price.
     */
    @Test
    void everyAcceleratorHasATdpAndADatedPriceExceptTheRecordedGaps() {
        Set<String> withoutTdp = new java.util.TreeSet<>();
        Set<String> withoutPrice = new java.util.TreeSet<>();
        Set<String> undatedOnly = new java.util.TreeSet<>();
        Set<String> pricedSystems = store.all(Collection.SYSTEMS).stream()
                .map(e -> (dev.accelerometer.catalog.domain.SystemTemplate) store.read(e, Collection.SYSTEMS.type))
                .filter(t -> t.cloudPriceUsdPerHour() != null).map(t -> t.acceleratorId()).collect(Collectors.toSet());
        // The seeded accelerators only: other tests of this run create their own through the API.
        for (CatalogEntry entry : store.all(Collection.ACCELERATORS)) {
            if (!seeded(Collection.ACCELERATORS, entry.slug)) {
                continue;
            }
            var a = (dev.accelerometer.catalog.domain.Accelerator) store.read(entry, Collection.ACCELERATORS.type);
            if (a.tdpWatts() == null) {
                withoutTdp.add(a.id());
            }
            boolean dated = a.listPriceUsd() != null && a.listPriceDate() != null || a.cloudPriceUsdPerHour() != null && a.cloudPriceDate() != null
                    || pricedSystems.contains(a.id());
            if (!dated && a.listPriceUsd() == null && a.cloudPriceUsdPerHour() == null) {
                withoutPrice.add(a.id());
            } else if (!dated) {
                undatedOnly.add(a.id());
            }
        }
        assertEquals(Set.of("google-tpu-v5e", "google-tpu-v5p", "google-tpu-v6e", "google-tpu-v7", "apple-m1-max-32c", "apple-m2-max-30c",
                "apple-m2-max-38c", "apple-m2-ultra-60c", "apple-m2-ultra-76c", "apple-m3-max-40c", "apple-m3-ultra-80c", "aws-trainium2",
                "aws-trainium3", "apple-m1-7c", "apple-m1-8c", "apple-m1-pro-14c", "apple-m1-pro-16c", "apple-m1-max-24c", "apple-m1-ultra-48c", "apple-m1-ultra-64c", "apple-m2-8c", "apple-m2-10c", "apple-m2-pro-16c", "apple-m2-pro-19c", "apple-m3-10c", "apple-m3-pro-14c", "apple-m3-pro-18c", "apple-m3-max-30c", "apple-m3-ultra-60c", "apple-m4-10c", "apple-m4-pro-16c", "apple-m4-pro-20c", "apple-m4-max-32c", "apple-m4-max-40c"), withoutTdp);
        assertEquals(Set.of("amd-mi250x", "google-tpu-v1", "google-tpu-v7", "nvidia-gb300", "nvidia-gh200-144gb", "nvidia-h800-sxm",
                "apple-m1-max-32c", "apple-m2-max-38c", "apple-m2-ultra-76c", "apple-m3-max-40c", "apple-m3-ultra-80c", "aws-trainium2",
                "aws-trainium3", "nvidia-h200-nvl", "nvidia-v100-sxm3-32gb", "nvidia-p100-pcie-16gb", "amd-mi355x", "amd-mi250x-gcd", "nvidia-rtx-a4000", "nvidia-rtx-a4500", "nvidia-rtx-a5000", "nvidia-a30", "nvidia-rtx-5000-ada", "nvidia-l40", "nvidia-rtx-2080-super", "apple-m1-ultra-64c", "apple-m2-pro-19c", "apple-m3-pro-14c", "apple-m3-pro-18c", "apple-m3-max-30c", "apple-m4-max-40c", "nvidia-a10g", "nvidia-jetson-agx-orin-64gb", "amd-mi210", "amd-mi250-gcd"),
                withoutPrice);
        assertEquals(Set.of("amd-mi100", "nvidia-h200", "nvidia-l40s", "nvidia-p100-sxm2", "nvidia-rtx-3080-ti"), undatedOnly);
    }

    @Test
    void seedCoversTheDevicesBuyersAsk() {
        Set<String> ids = store.all(Collection.ACCELERATORS).stream().map(e -> e.slug).collect(Collectors.toSet());
        assertTrue(ids.size() >= 40, "at least 40 accelerators, got " + ids.size());
        for (String id : List.of("nvidia-k80", "nvidia-v100-sxm2-16gb", "nvidia-t4", "nvidia-rtx-2080-ti", "nvidia-rtx-3090",
                "nvidia-a100-sxm-40gb", "nvidia-a100-sxm-80gb", "nvidia-rtx-a6000", "nvidia-rtx-4090", "nvidia-l4", "nvidia-l40s",
                "nvidia-h100-sxm", "nvidia-h100-pcie", "nvidia-h200", "nvidia-b200", "nvidia-gb200", "nvidia-gb300", "nvidia-b300", "amd-mi250x", "amd-mi300x",
                "intel-gaudi2", "intel-gaudi3", "google-tpu-v1", "google-tpu-v2", "google-tpu-v3", "google-tpu-v4",
                "google-tpu-v5e", "google-tpu-v5p", "google-tpu-v6e", "google-tpu-v7",
                // issue 18's list of parts people buy (V38, V42)
                "nvidia-h200-nvl", "nvidia-h20", "nvidia-h800-sxm", "nvidia-rtx-pro-6000-blackwell", "nvidia-rtx-5080", "nvidia-rtx-3090-ti",
                "nvidia-quadro-rtx-6000", "nvidia-quadro-rtx-8000", "nvidia-v100-sxm3-32gb", "nvidia-p100-pcie-16gb", "amd-mi250x-gcd",
                "amd-mi355x", "aws-trainium2", "aws-trainium3", "apple-m3-max-40c", "apple-m3-ultra-80c")) {
            assertTrue(ids.contains(id), "missing " + id);
        }
        Set<String> links = store.all(Collection.INTERCONNECTS).stream().map(e -> e.slug).collect(Collectors.toSet());
        for (String id : List.of("ethernet-10g", "ethernet-25g", "ethernet-100g", "ethernet-400g", "omni-path-100", "nvlink-bridge-ampere",
                "nvlink-bridge-turing", "amd-infinity-fabric-mi250x", "amd-infinity-fabric-mi300x", "tpu-dcn-v5e", "roce-400g")) {
            assertTrue(links.contains(id), "missing link " + id);
        }
        Set<String> models = store.all(Collection.MODELS).stream().map(e -> e.slug).collect(Collectors.toSet());
        for (String id : List.of("bert-base", "bert-large", "gpt-3-175b", "llama-2-70b", "llama-3-8b", "opt-175b", "bloom-176b",
                "resnet-50", "resnet-50-v1.5", "vgg-16", "gpt-3-1.3b")) {
            assertTrue(models.contains(id), "missing model " + id);
        }
        // Seeded by the migrations (actor "flyway"); other tests of this run add their own measurements.
        long seeded = store.all(Collection.MEASUREMENTS).stream().filter(e -> seeded(Collection.MEASUREMENTS, e.slug)).count();
        // 61 ledger entries of shared/calibration (V6), 35 nccl-tests bus bandwidths (V12, comm-11 … comm-45) and 27 TPU
        // measurements (V13, tpu-01 … tpu-27), 61 attention-kernel benchmarks and 31 fp8/bf16 training runs (V14), 53 decode
        // speeds under inference runtimes (V15), 40 MoE runs (V17), 74 serving benchmarks (V19), 34 + 33 sparse-kernel
        // measurements (V21, V22); V23 patches accelerators only; 23 GEMV measurements (V24),
        // 79 Sputnik runs (V25), 58 unstructured/block sparsity measurements (V26), 58 Megatron-Bridge dense runs (V30)
        // and 24 Blackwell GEMM and attention benchmarks (V31), 24 vLLM and SGLang serving runs and 3 RCCL all-reduce runs on MI300X (V33), 5 block-sparse kernel runs (V34), 15 llama.cpp Metal decode runs (V35), 22 ZeRO-Offload measurements (V36).
        // V46: 9 llama.cpp scoreboard rows on data-centre and workstation GPUs. V59: 10 llama.cpp Metal decode runs of Llama 3.
        // V61: 9 more llama.cpp scoreboard rows (GeForce, Quadro RTX, P100). V62: 19 of its prompt-processing (pp512) rows.
        // V63: 15 llama.cpp Metal prompt-processing cells of discussion #4167. V65: 32 scoreboard rows (tg128, pp512) on V64's
        // NVIDIA GPUs and 128 cells of #4167 (tg128, pp512) on the other Apple chips. V66: 30 rows of Lambda's fp16 table. V67: 4 scoreboard rows.
        // V69: 89 Intel Gaudi rows (Intel's performance pages, MLPerf, gaudi-perf, Hugging Face). V70: 69 AMD Instinct rows.
        // V71: 2 Gaudi 3 matmuls and 19 Cloud TPU recipe runs. V73: 4 HCCL rows on a Gaudi 3 box. V75: 21 streaming-bandwidth runs and
        // 21 GEMMs. V77: 6 Megatron-LM iteration times (Korthikanti et al. 2022, Table 5). V78: 12 Megatron-LM
        // throughputs (Narayanan et al. 2021, Tables 1 and 2). V79: BLOOM-176B's
        // logged training iteration. V80: Llama 3 405B's two 8K-token configurations.
        // V81: 9 per-GPU memory footprints (Korthikanti et al. 2022, Figure 1). V84: 34 FP4 GEMMs (B200, GB200, RTX, MI355X). V85: 36 TensorRT-LLM FP4 serving cells. V86: 39 of its one-GPU FP4 MoE cells.
        // V87: 87 small-M block-scaled GEMMs (GB200, RTX 5090, DGX Spark, SM100, B200). V90: 49 FP4 MoE layers and grouped GEMMs.
        assertEquals(61 + 35 + 27 + 61 + 31 + 53 + 40 + 74 + 34 + 33 + 23 + 79 + 58 + 58 + 24 + 27 + 5 + 15 + 22 + 16 + 32 + 9 + 149 + 12 + 12 + 14 + 208 + 70 + 10 + 9 + 7 + 38 + 10 + 9 + 19 + 15 + 160 + 30 + 4 + 89 + 69 + 21 + 4 + 42 + 6 + 12 + 1 + 2 + 9 + 34 + 36 + 39 + 87 + 49 + 12 + 28, seeded, "every ledger entry is seeded");
    }

    /**
     * Issue 18's provenance: no source may say its figures were typed from memory ("as known to the compiler; not re-downloaded").
     * The 94 that did were searched for on 2026-11-30 (V43): 56 re-read and dated that day, 38 out of the search tools' reach,
     * whose notes now begin "Not re-read" and say what was searched — a number this test holds so a new unread source shows up;
     * the 12 cloud prices "not re-fetched" were re-read in dated copies of the providers' price lists (V45).
     */
    @Test
    void everySourceWasReadOrSaysItWasNot() {
        List<String> fromMemory = new ArrayList<>();
        int notReread = 0;
        for (Collection collection : Collection.values()) {
            for (CatalogEntry entry : store.all(collection)) {
                if (!seeded(collection, entry.slug)) {
                    continue;
                }
                for (var source : store.read(entry, collection.type).sources()) {
                    String note = source.note() == null ? "" : source.note();
                    if (note.contains("as known to the compiler") || note.contains("not re-downloaded") || note.contains("not re-fetched")
                            || note.contains("as known at the time")) {
                        fromMemory.add(collection.path + "/" + entry.slug + " " + source.id());
                    }
                    notReread += note.startsWith("Not re-read") ? 1 : 0;
                }
            }
        }
        assertEquals(List.of(), fromMemory);
        assertEquals(38, notReread, "sources out of the search tools' reach (V43)");
    }

    /** Whether the migrations created the entry (its first revision is flyway's; history lists the newest first). */
    private boolean seeded(Collection collection, String slug) {
        List<Revision> history = store.history(collection, slug);
        return "flyway".equals(history.get(history.size() - 1).actor);
    }
}
