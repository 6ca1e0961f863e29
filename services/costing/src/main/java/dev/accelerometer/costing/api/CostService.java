package dev.accelerometer.costing.api;

import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.costing.client.Catalog;
import dev.accelerometer.common.catalog.CatalogModel;
import dev.accelerometer.costing.model.Attention;
import dev.accelerometer.costing.model.Bound;
import dev.accelerometer.costing.model.Calibration;
import dev.accelerometer.costing.model.Convolution;
import dev.accelerometer.costing.model.Device;
import dev.accelerometer.costing.model.Format;
import dev.accelerometer.costing.model.Gemm;
import dev.accelerometer.costing.model.OpCost;
import dev.accelerometer.costing.store.Calibrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Turns validated requests into model calls and model results into responses. */
@ApplicationScoped
public class CostService {
    @Inject
    Catalog catalog;
    @Inject
    Calibrations calibrations;
    @Inject
    ErrorBands errorBands;

    public Responses.Estimate matmul(Requests.Matmul r) {
        Device device = catalog.device(r.acceleratorId());
        Format format = format(device, r.format());
        Calibration cal = calibrations.forArchitecture(device.architecture());
        long batch = r.batch() == null ? 1 : r.batch();
        Gemm.Result result = Gemm.estimate(device, cal, r.m(), r.n(), r.k(), batch, format);
        Responses.Tiling tiling = result.tiling() == null ? null : new Responses.Tiling(result.tiling().tileM(), result.tiling().tileN(),
                result.tiling().tiles(), result.tiling().waves(), result.tiling().tileEfficiency(), result.tiling().waveEfficiency(),
                result.tileLoadBytes());
        List<String> assumptions = new ArrayList<>(baseAssumptions(device, cal));
        assumptions.addAll(result.cost().notes());
        return estimate(device, cal, format, "matmul " + r.m() + "x" + r.n() + "x" + r.k() + (batch > 1 ? " x" + batch : ""),
                result.cost(), List.of(result.cost()), tiling, null, assumptions, "gemm", 1);
    }

    public Responses.Estimate attention(Requests.Attention r) {
        Device device = catalog.device(r.acceleratorId());
        Format format = format(device, r.format());
        Calibration cal = calibrations.forArchitecture(device.architecture());
        int kvHeads = r.kvHeads() == null ? r.heads() : r.kvHeads();
        if (r.heads() % kvHeads != 0) {
            throw ApiException.invalidField("kvHeads", "must divide heads (" + r.heads() + ") for MHA/GQA/MQA; got " + kvHeads);
        }
        Attention.Shape shape = new Attention.Shape(r.batch(), r.queryLength(), r.keyLength(), r.heads(), kvHeads, r.headDim(),
                Boolean.TRUE.equals(r.causal()));
        Attention.Kernel kernel = r.kernel() == null ? Attention.Kernel.FLASH : Attention.Kernel.valueOf(r.kernel().toUpperCase());
        Attention.Pass pass = r.pass() == null ? Attention.Pass.FORWARD : Attention.Pass.valueOf(r.pass().toUpperCase().replace('-', '_'));
        OpCost cost = Attention.estimate(device, cal, shape, kernel, pass, format);
        List<String> assumptions = new ArrayList<>(baseAssumptions(device, cal));
        assumptions.addAll(cost.notes());
        assumptions.add("FLOPs count the score and value matmuls (4·B·H·Sq·Skv·d forward, × visible fraction when causal); "
                + "backward is 2.5× forward for flash (recompute), 2× for materialised kernels");
        return estimate(device, cal, format, "attention " + kernel.name().toLowerCase() + " " + pass.name().toLowerCase().replace('_', '-'),
                cost, List.of(cost), null, null, assumptions, "attention", 1);
    }

    public Responses.Estimate conv2d(Requests.Conv2d r) {
        Device device = catalog.device(r.acceleratorId());
        Format format = format(device, r.format());
        Calibration cal = calibrations.forArchitecture(device.architecture());
        int groups = r.groups() == null ? 1 : r.groups();
        if (r.inChannels() % groups != 0 || r.outChannels() % groups != 0) {
            throw ApiException.invalidField("groups", "must divide inChannels (" + r.inChannels() + ") and outChannels (" + r.outChannels() + ")");
        }
        Convolution.Shape shape = new Convolution.Shape(r.batch(), r.inChannels(), r.outChannels(), r.inputHeight(), r.inputWidth(),
                r.kernelHeight(), r.kernelWidth(), r.stride() == null ? 1 : r.stride(), r.padding() == null ? 0 : r.padding(), groups);
        if (shape.outputHeight() < 1 || shape.outputWidth() < 1) {
            throw ApiException.invalidField("kernelHeight", "is larger than the padded input; the output would be empty");
        }
        List<OpCost> ops = new ArrayList<>(List.of(Convolution.forward(device, cal, shape, format)));
        if ("forward-backward".equals(r.pass())) {
            ops.add(Convolution.backward(device, cal, shape, format));
        }
        OpCost total = OpCost.sequence("conv2d", ops);
        List<String> assumptions = new ArrayList<>(baseAssumptions(device, cal));
        assumptions.add("convolution as implicit GEMM: M = N·Hout·Wout, N = Cout, K = Cin/groups·kh·kw");
        return estimate(device, cal, format, "conv2d", total, ops, null, null, assumptions, "gemm", 1);
    }

    public Responses.Estimate model(Requests.ModelCost r) {
        if ((r.modelId() == null) == (r.model() == null)) {
            throw ApiException.invalidField("modelId", "give exactly one of modelId (a catalog model) or model (an inline shape)");
        }
        Device device = catalog.device(r.acceleratorId());
        Format format = format(device, r.format());
        Calibration cal = calibrations.forArchitecture(device.architecture());
        int devices = r.devices() == null ? 1 : r.devices();
        List<String> assumptions = new ArrayList<>(baseAssumptions(device, cal));
        if (r.modelId() != null) {
            CatalogModel catalogModel = catalog.model(r.modelId());
            if ("cnn".equals(catalogModel.kind())) {
                return ModelCosts.cnn(this, device, cal, format, catalogModel, r, devices, assumptions);
            }
            return ModelCosts.transformer(this, device, cal, format, ModelCosts.shape(catalogModel), r, devices, assumptions);
        }
        return ModelCosts.transformer(this, device, cal, format, ModelCosts.shape(r.model()), r, devices, assumptions);
    }

    /** The format, if the device runs it; otherwise 422 naming the formats it has. */
    Format format(Device device, String slug) {
        Format format = Format.fromSlug(slug).orElseThrow(() -> ApiException.invalidField("format", Requests.FORMAT_MESSAGE));
        if (!device.supports(format)) {
            throw new ApiException(422, "unsupported-format", "Unsupported number format",
                    device.name() + " has no " + format.slug() + " mode (the catalog lists no " + format.slug()
                            + " peak for it); it supports " + device.supportedFormats() + ". Choose one of those or another accelerator.",
                    List.of(new Problem.Violation("format", "not supported by " + device.id())));
        }
        return format;
    }

    List<String> baseAssumptions(Device device, Calibration cal) {
        List<String> list = new ArrayList<>();
        list.add(String.format("peaks and bandwidth from the catalog entry %s; GEMMs reach at most %.1f%% of peak (%s)",
                device.id(), cal.gemmCeiling() * 100, cal.gemmSource()));
        list.add(String.format("streaming kernels reach %.0f%% of datasheet bandwidth (%s); %.0f µs fixed cost per kernel (%s)",
                cal.bandwidthFraction() * 100, cal.bandwidthSource(), cal.kernelLatencySeconds() * 1e6, cal.latencySource()));
        if (device.cloudPriceUsdPerHour() != null && catalog.accelerator(device.id()).cloudPriceUsdPerHour() == null) {
            catalog.instancePrice(device.id()).ifPresent(price -> list.add(price.note()));
        }
        if (!cal.calibrated()) {
            list.add("no published measurement for architecture '" + device.architecture()
                    + "': cross-architecture default constants; expect a wider error than the band for calibrated devices");
        }
        return list;
    }

    Responses.Estimate estimate(Device device, Calibration cal, Format format, String workload, OpCost total, List<OpCost> ops,
            Responses.Tiling tiling, Responses.Run run, List<String> assumptions, String category, int devices) {
        double peak = device.peak(format);
        double achieved = total.timeSeconds() > 0 ? total.flops() / total.timeSeconds() : 0;
        List<Responses.Operation> breakdown = ops.stream()
                .map(op -> new Responses.Operation(op.name(), op.flops(), op.bytes(), op.timeSeconds(), bound(op.bound()),
                        total.timeSeconds() > 0 ? op.timeSeconds() / total.timeSeconds() : 0))
                .toList();
        Double energy = ModelCosts.energy(device, total.timeSeconds(), devices);
        Double cost = ModelCosts.cost(device, total.timeSeconds(), devices);
        var freshness = catalog.freshness();
        return new Responses.Estimate(device.id(), device.name(), format.slug(), workload, total.flops(), total.bytes(),
                total.bytes() > 0 ? total.flops() / total.bytes() : 0, bound(total.bound()), total.timeSeconds(),
                total.computeSeconds(), total.memorySeconds(), total.fixedSeconds(), achieved, peak, achieved / peak, energy, cost,
                breakdown, tiling, run, assumptions, errorBands.forCategory(category),
                new Responses.CalibrationUsed(cal.architecture(), cal.calibrated(), cal.gemmCeiling(), cal.gemmSource(),
                        cal.fusedAttentionCeiling(), cal.fusedAttentionSource(), cal.bandwidthFraction(), cal.bandwidthSource(),
                        cal.kernelLatencySeconds(), cal.latencySource(), cal.trainingStepEfficiency(), cal.trainingStepSource()),
                new Responses.CatalogState(freshness.catalogReachable(), freshness.cacheSyncedAt()));
    }

    static String bound(Bound bound) {
        return bound.name().toLowerCase();
    }
}
