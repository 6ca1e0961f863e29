package dev.accelerometer.costing.service;

import dev.accelerometer.common.api.AttentionKernelChoice;
import dev.accelerometer.common.api.CatalogState;
import dev.accelerometer.common.api.ModelParameters;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.common.catalog.Clusters;
import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.costing.api.Requests;
import dev.accelerometer.costing.api.Responses;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Bound;
import dev.accelerometer.model.kernel.Convolution;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns validated requests into model calls (facts from the catalog, constants from the calibration table) and results into responses. */
@ApplicationScoped
public class CostService {
    @Inject
    CatalogCache catalog;
    @Inject
    ErrorBands errorBands;
    @Inject
    dev.accelerometer.common.energy.EnergyRegions energy;
    @Inject
    Clusters clusters;
    @Inject
    ProfileService profiles;
    @Inject
    dev.accelerometer.costing.store.Calibrations calibrations;

    /** The calibration table's constants for {@code device} (what a framework's own efficiency replaces, unless a profile's differ). */
    Calibration table(Device device) {
        return calibrations.table().forArchitecture(device.architecture());
    }

    public Responses.Estimate matmul(Requests.Matmul r) {
        ProfileService.Use profile = profiles.use(r.calibrationProfile());
        return profile.annotate(matmul(r, profile));
    }

    /** The GEMM a matmul request times (what a calibration profile's matmul measurement is predicted by). */
    public static Gemm.Result gemm(Device device, Calibration cal, Requests.Matmul r, Format format) {
        return Gemm.estimate(device, cal, r.m(), r.n(), r.k(), r.batch() == null ? 1 : r.batch(), format);
    }

    Responses.Estimate matmul(Requests.Matmul r, Calibrating calibrating) {
        Device device = catalog.device(r.acceleratorId(), "acceleratorId");
        Format format = format(device, r.format());
        Calibration cal = calibrating.of(device);
        if (r.sparsity() != null) {
            return SparseEstimates.matmul(this, device, cal, format, r);
        }
        long batch = r.batch() == null ? 1 : r.batch();
        Gemm.Result result = gemm(device, cal, r, format);
        Responses.Tiling tiling = result.tiling() == null ? null : new Responses.Tiling(result.tiling().tileM(), result.tiling().tileN(),
                result.tiling().tiles(), result.tiling().waves(), result.tiling().tileEfficiency(), result.tiling().waveEfficiency(),
                result.tileLoadBytes());
        List<String> assumptions = baseAssumptions(device, cal);
        assumptions.addAll(result.cost().notes());
        return estimate(device, cal, format, "matmul " + r.m() + "x" + r.n() + "x" + r.k() + (batch > 1 ? " x" + batch : ""),
                result.cost(), List.of(result.cost()), tiling, null, assumptions, ValidationCases.matmulCategory(format, r.m()), 1);
    }

    public Responses.Estimate attention(Requests.Attention r) {
        ProfileService.Use profile = profiles.use(r.calibrationProfile());
        return profile.annotate(attention(r, profile));
    }

    Responses.Estimate attention(Requests.Attention r, Calibrating calibrating) {
        Device device = catalog.device(r.acceleratorId(), "acceleratorId");
        Format format = notFp4(format(device, r.format()), "attention");
        Calibration cal = calibrating.of(device);
        int kvHeads = r.kvHeads() == null ? r.heads() : r.kvHeads();
        if (kvHeads > r.heads() || r.heads() % kvHeads != 0) {
            throw ApiException.invalidField("kvHeads", "must divide heads (" + r.heads() + ") for MHA/GQA/MQA; got " + kvHeads);
        }
        if (Boolean.TRUE.equals(r.causal()) && r.queryLength() > r.keyLength()) {
            // Causal queries are the last queryLength positions of the keys (a prefill chunk over its cache, or the whole sequence).
            throw ApiException.invalidField("queryLength", "is " + r.queryLength() + " with causal true, more than keyLength (" + r.keyLength()
                    + "): causal queries are the last of the key positions, each attending to the keys up to itself; set keyLength to at "
                    + "least queryLength (the cached context plus the new tokens)");
        }
        Attention.Shape shape = new Attention.Shape(r.batch(), r.queryLength(), r.keyLength(), r.heads(), kvHeads, r.headDim(),
                Boolean.TRUE.equals(r.causal()));
        Attention.Kernel kernel = AttentionKernelChoice.of(device, r.kernel(), Attention.Kernel.FLASH, "kernel");
        Attention.Pass pass = r.pass() == null ? Attention.Pass.FORWARD : Attention.Pass.fromSlug(r.pass()).orElseThrow();
        OpCost cost = Attention.estimate(device, cal, shape, kernel, pass, format);
        List<String> assumptions = baseAssumptions(device, cal);
        assumptions.addAll(cost.notes());
        assumptions.add("FLOPs count the score and value matmuls (4·B·H·Sq·Skv·d forward, × visible fraction when causal); "
                + "backward is 2.5× forward for flash (recompute), 2× for materialised kernels");
        return estimate(device, cal, format, "attention " + kernel.slug() + " " + pass.slug(), cost, List.of(cost), null, null, assumptions,
                "attention", 1);
    }

    public Responses.Estimate conv2d(Requests.Conv2d r) {
        ProfileService.Use profile = profiles.use(r.calibrationProfile());
        return profile.annotate(conv2d(r, profile));
    }

    Responses.Estimate conv2d(Requests.Conv2d r, Calibrating calibrating) {
        Device device = catalog.device(r.acceleratorId(), "acceleratorId");
        Format format = notFp4(format(device, r.format()), "a convolution");
        Calibration cal = calibrating.of(device);
        int groups = r.groups() == null ? 1 : r.groups();
        if (r.inChannels() % groups != 0 || r.outChannels() % groups != 0) {
            throw ApiException.invalidField("groups", "must divide inChannels (" + r.inChannels() + ") and outChannels (" + r.outChannels() + ")");
        }
        Convolution.Shape shape = new Convolution.Shape(r.batch(), r.inChannels(), r.outChannels(), r.inputHeight(), r.inputWidth(),
                r.kernelHeight(), r.kernelWidth(), r.stride() == null ? 1 : r.stride(), r.padding() == null ? 0 : r.padding(), groups);
        if (shape.outputHeight() < 1 || shape.outputWidth() < 1) {
            throw ApiException.invalidField("kernelHeight", "is larger than the padded input; the output would be empty");
        }
        if (r.sparsity() != null) {
            if ("forward-backward".equals(r.pass())) {
                throw ApiException.invalidField("sparsity", "times the forward pass (inference) only: use pass forward, or leave sparsity out "
                        + "for training");
            }
            return SparseEstimates.conv2d(this, device, cal, format, shape, r.sparsity());
        }
        List<OpCost> ops = new ArrayList<>(List.of(Convolution.forward(device, cal, shape, format)));
        if ("forward-backward".equals(r.pass())) {
            ops.add(Convolution.backward(device, cal, shape, format));
        }
        OpCost total = OpCost.sequence("conv2d", ops);
        List<String> assumptions = baseAssumptions(device, cal);
        assumptions.add("convolution as implicit GEMM: M = N·Hout·Wout, N = Cout, K = Cin/groups·kh·kw");
        return estimate(device, cal, format, "conv2d", total, ops, null, null, assumptions, "gemm", 1);
    }

    public Responses.Estimate model(Requests.ModelCost r) {
        ProfileService.Use profile = profiles.use(r.calibrationProfile());
        Responses.Estimate estimate = modelWithoutElectricity(r, profile);
        return profile.annotate(estimate.withElectricity(energy.of(estimate.runEnergyJoules() != null ? estimate.runEnergyJoules()
                : estimate.energyJoules(), r.energy(), "energy")));
    }

    /** A model request's estimate under given constants, without its electricity (what a profile's model measurement is predicted by). */
    Responses.Estimate modelWithoutElectricity(Requests.ModelCost r, Calibrating calibrating) {
        if ((r.modelId() == null) == (r.model() == null)) {
            throw ApiException.invalidField("modelId", "give exactly one of modelId (a catalog model) or model (an inline shape)");
        }
        Device device = catalog.device(r.acceleratorId(), "acceleratorId");
        Format format = format(device, r.format());
        if ("training".equals(r.mode())) {
            notFp4(format, "training");
        }
        Calibration cal = calibrating.of(device);
        List<String> assumptions = baseAssumptions(device, cal);
        ModelEstimates.Replicas replicas = replicas(r, device, format, cal, assumptions);
        if (r.modelId() != null) {
            CatalogModel catalogModel = catalog.model(r.modelId(), "modelId");
            if (catalogModel.isCnn()) {
                return ModelEstimates.cnn(this, device, cal, format, CatalogMapping.cnn(catalogModel, "modelId"), r, replicas, assumptions);
            }
            requireNoMemoryFormat(r, r.modelId());
            return ModelEstimates.transformer(this, device, cal, format, CatalogMapping.transformer(catalogModel, "modelId"), r, replicas,
                    assumptions);
        }
        requireNoMemoryFormat(r, "the inline model");
        if (r.model().layoutAssumption() != null) {
            assumptions.add(r.model().layoutAssumption());
        }
        return ModelEstimates.transformer(this, device, cal, format, r.model().toTransformer("model"), r, replicas, assumptions);
    }

    /**
     * The data-parallel replicas of a model request: {@code devices} in one link domain, or the cluster it names (training
     * only; its accelerator must be the request's, its device count defaults to {@code devices}); whether they shard the
     * weight update (default: on TPUs, where XLA/JAX training does).
     */
    private ModelEstimates.Replicas replicas(Requests.ModelCost r, Device device, Format format, Calibration cal, List<String> assumptions) {
        boolean training = "training".equals(r.mode());
        if (!training && r.shardedWeightUpdate() != null) {
            throw ApiException.invalidField("shardedWeightUpdate", "applies to mode training only");
        }
        boolean sharded = r.shardedWeightUpdate() != null ? r.shardedWeightUpdate() : device.kind() == Device.Kind.TPU;
        if (r.cluster() == null) {
            int devices = r.devices() == null ? 1 : r.devices();
            return new ModelEstimates.Replicas(devices, null, sharded && devices > 1, cal.intraNodeCollectiveScale());
        }
        if (!training) {
            throw ApiException.invalidField("cluster", "applies to mode training only (data-parallel replicas and their gradient reduction)");
        }
        ClusterSpec c = r.cluster();
        if (c.acceleratorId() != null && !c.acceleratorId().equals(r.acceleratorId())) {
            throw ApiException.invalidField("cluster.acceleratorId", "must be acceleratorId (" + r.acceleratorId() + ") or left out");
        }
        if (c.devices() != null && r.devices() != null && !c.devices().equals(r.devices())) {
            throw ApiException.invalidField("cluster.devices", "differs from devices (" + r.devices() + "); give the count once");
        }
        if (c.systemId() != null) {
            String held = catalog.system(c.systemId(), "cluster.systemId").acceleratorId();
            if (held != null && !held.equals(r.acceleratorId())) {
                throw ApiException.invalidField("cluster.systemId", "holds " + held + ", not acceleratorId " + r.acceleratorId()
                        + "; choose a system of that accelerator or name the links instead");
            }
        }
        Integer devices = c.devices() != null ? c.devices() : r.devices();
        ClusterSpec spec = new ClusterSpec(r.acceleratorId(), devices, c.devicesPerNode(), c.intraNodeLinkId(), c.interNodeLinkId(),
                c.systemId(), c.torusShape());
        Cluster cluster = clusters.resolve(spec, "cluster", format, "format", assumptions)
                .withCollectiveScale(cal);
        return new ModelEstimates.Replicas(cluster.devices(), cluster, sharded && cluster.devices() > 1);
    }

    /** The format, if the device runs it; otherwise 422 naming the formats it has. */
    public static Format format(Device device, String slug) {
        Format format = Format.fromSlug(slug).orElseThrow(() -> ApiException.invalidField("format", Requests.FORMAT_MESSAGE));
        if (!device.supports(format)) {
            throw new ApiException(422, "unsupported-format", "Unsupported number format",
                    device.name() + " has no " + format.slug() + " mode (the catalog lists no " + format.slug()
                            + " peak for it); it supports " + device.supportedFormats() + ". Choose one of those or another accelerator.",
                    List.of(new Problem.Violation("format", "not supported by " + device.id())));
        }
        return format;
    }

    /**
     * {@code format}, unless it is fp4: a format of GEMM operands only (NVFP4/MXFP4 checkpoints), which {@code what} does not run in
     * — 400 naming format. FP4 training recipes (NVFP4 pretraining: stochastic rounding, random Hadamard transforms, some layers in
     * bf16) are not modelled.
     */
    static Format notFp4(Format format, String what) {
        if (format == Format.FP4) {
            throw ApiException.invalidField("format", "fp4 is a format of GEMM operands (NVFP4, MXFP4): " + what + " does not run in it; "
                    + "use fp8 or bf16 (an fp4 matmul, prefill or decode takes fp4)");
        }
        return format;
    }

    List<String> baseAssumptions(Device device, Calibration cal) {
        // Plain concatenation, not String.format: a matmul estimate answers in tens of microseconds, and formatting was a
        // measurable share of it (bench/wrk.sh).
        List<String> list = new ArrayList<>();
        list.add("peaks and bandwidth from the catalog entry " + device.id() + "; GEMMs reach at most "
                + Math.round(cal.gemmCeiling() * 1000) / 10.0 + "% of peak (" + cal.gemmSource() + ")");
        list.add("streaming kernels reach " + Math.round(cal.bandwidthFraction() * 100) + "% of datasheet bandwidth (" + cal.bandwidthSource()
                + "); " + Math.round(cal.kernelLatencySeconds() * 1e6) + " µs fixed cost per kernel (" + cal.latencySource() + ")");
        var entry = catalog.accelerator(device.id(), "acceleratorId");
        if (entry.sustainedClockShare() < 1) {
            list.add("compute peaks at the clock " + device.name() + " holds under sustained load, " + Math.round(entry.sustainedClockHertz() / 1e6)
                    + " MHz of its " + Math.round(entry.boostClockHertz() / 1e6) + " MHz boost (catalog sustainedClockHertz): "
                    + Math.round(entry.sustainedClockShare() * 1000) / 10.0 + "% of its datasheet peaks");
        }
        if (device.cloudPriceUsdPerHour() != null && entry.cloudPriceUsdPerHour() == null) {
            catalog.instancePrice(device.id()).ifPresent(price -> list.add(price.note()));
        }
        if (!cal.calibrated()) {
            list.add("no published measurement for architecture '" + device.architectureName()
                    + "': cross-architecture default constants; expect a wider error than the band for calibrated devices");
        }
        return list;
    }

    Responses.Estimate estimate(Device device, Calibration cal, Format format, String workload, OpCost total, List<OpCost> ops,
            Responses.Tiling tiling, Responses.Run run, List<String> assumptions, String category, int devices) {
        return estimate(device, cal, format, workload, null, total, ops, tiling, run, assumptions, category, devices);
    }

    Responses.Estimate estimate(Device device, Calibration cal, Format format, String workload, ModelParameters model, OpCost total,
            List<OpCost> ops, Responses.Tiling tiling, Responses.Run run, List<String> assumptions, String category, int devices) {
        double peak = device.peak(format);
        double achieved = total.timeSeconds() > 0 ? total.flops() / total.timeSeconds() : 0;
        List<Responses.Operation> breakdown = ops.stream()
                .map(op -> new Responses.Operation(op.name(), op.flops(), op.bytes(), op.timeSeconds(), bound(op.bound()),
                        total.timeSeconds() > 0 ? op.timeSeconds() / total.timeSeconds() : 0))
                .toList();
        var freshness = catalog.freshness();
        return new Responses.Estimate(device.id(), device.name(), format.slug(), workload, model, total.flops(), total.bytes(),
                total.bytes() > 0 ? total.flops() / total.bytes() : 0, bound(total.bound()), total.timeSeconds(),
                total.computeSeconds(), total.memorySeconds(), total.fixedSeconds(), achieved, peak, achieved / peak,
                device.energyJoules(total.timeSeconds(), devices), device.costUsd(total.timeSeconds(), devices),
                run == null ? null : run.totalTimeSeconds(), run == null ? null : run.costUsd(), run == null ? null : run.energyJoules(),
                breakdown, tiling, run, assumptions, errorBands.forRegime(category, device.architectureName()), CalibrationConstants.of(cal),
                CatalogState.of(freshness), null, null, null);
    }

    public static String bound(Bound bound) {
        return bound.name().toLowerCase(Locale.ROOT);
    }

    /** memoryFormat lays out a CNN's activations; a transformer request naming it is refused, naming the field. */
    private static void requireNoMemoryFormat(Requests.ModelCost r, String model) {
        if (r.memoryFormat() != null) {
            throw ApiException.invalidField("memoryFormat", "lays out a CNN's activations; " + model + " is a transformer: leave it out");
        }
    }
}
