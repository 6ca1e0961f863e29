package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.workload.CnnStep;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published CNN training and inference throughputs (catalog ledger cnn-*, V50 and V51: NVIDIA DeepLearningExamples' ResNet50 v1.5
 * tables) predicted as costing's model requests answer a CNN training step or forward pass ({@link ModelEstimates#cnn}):
 * {@link CnnStep} for the batch each device runs (training: SGD momentum, plus the exposed part of the data-parallel gradient
 * all-reduce over the devices' own link domain).
 */
final class CnnRuns {
    /** The validation category of CNN training, and the band CNN training answers quote. */
    static final String CNN_TRAINING = "cnn-training";
    /** The validation category of CNN inference (a forward pass, costing's mode prefill), and the band those answers quote. */
    static final String CNN_INFERENCE = "cnn-inference";

    private CnnRuns() {
    }

    record Run(String acceleratorId, String modelId, int devices, long batchPerDevice, Format format, CnnStep.MemoryFormat memoryFormat,
            boolean training) {
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        boolean training = "cnn_training".equals(m.category());
        if (!training && !"cnn_inference".equals(m.category()) || in == null || !"images/s".equals(m.unit()) || m.value() == null) {
            return Optional.empty();
        }
        int devices = MoeRuns.integer(in, "devices", 0);
        int batch = MoeRuns.integer(in, training ? "batchPerDevice" : "batch", 0);
        Optional<Format> format = Format.fromSlug(String.valueOf(in.get("format")));
        if (devices <= 0 || batch <= 0 || format.isEmpty() || !(in.get("hardware") instanceof String hardware) || !(in.get("model") instanceof String model)) {
            return Optional.empty();
        }
        CnnStep.MemoryFormat layout = in.get("memoryFormat") instanceof String slug
                ? CnnStep.MemoryFormat.fromSlug(slug).orElse(CnnStep.MemoryFormat.CHANNELS_LAST) : CnnStep.MemoryFormat.CHANNELS_LAST;
        return Optional.of(new Run(hardware, model, devices, batch, format.get(), layout, training));
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        return run(m).map(r -> new ValidationCases.Spec(r.training() ? CNN_TRAINING : CNN_INFERENCE, r.acceleratorId(), false,
                String.format(Locale.ROOT, "%s %s on %d × %s, %s, %s, batch %d per device%s", r.modelId(), r.training() ? "training" : "forward pass",
                        r.devices(), r.acceleratorId(), r.format().slug(), r.memoryFormat().slug(), r.batchPerDevice(),
                        !r.training() ? " (no host time per forward: GPU-bound batches)" : r.devices() > 1
                                ? ", SGD with momentum, gradients all-reduced over the devices' own link domain" : ", SGD with momentum"),
                (device, cal, catalog) -> imagesPerSecond(device, cal, catalog, r)));
    }

    /** Images per second over all the run's devices, as a costing model request answers it. */
    static double imagesPerSecond(Device device, Calibration cal, CatalogCache catalog, Run r) {
        Cnn cnn = CatalogMapping.cnn(catalog.model(r.modelId(), "inputs.model"), "inputs.model");
        CnnStep step = CnnStep.of(device, cal, cnn, r.batchPerDevice(), r.format(), r.training(), Optimizer.SGD, null, null, r.memoryFormat());
        if (!r.training()) {
            return r.devices() * r.batchPerDevice() / step.breakdown().total().timeSeconds();
        }
        double comm = ModelEstimates.exposedAllReduce(device, cnn.parameters() * r.format().inputBytes, new ModelEstimates.Replicas(r.devices(), null, false),
                step.backwardSeconds(), new ArrayList<>());
        return r.devices() * r.batchPerDevice() / (step.breakdown().total().timeSeconds() + comm);
    }
}
