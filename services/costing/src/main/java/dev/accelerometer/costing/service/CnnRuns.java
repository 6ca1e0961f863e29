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
 * Published CNN training throughputs (catalog ledger cnn-*, V50: NVIDIA DeepLearningExamples' ResNet50 v1.5 tables) predicted as
 * costing's model requests answer a CNN training step ({@link ModelEstimates#cnn}): {@link CnnStep} for the batch each device
 * runs, with SGD momentum, plus the exposed part of the data-parallel gradient all-reduce over the devices' own link domain.
 */
final class CnnRuns {
    /** The validation category of CNN training, and the band CNN training answers quote. */
    static final String CNN_TRAINING = "cnn-training";

    private CnnRuns() {
    }

    record Run(String acceleratorId, String modelId, int devices, long batchPerDevice, Format format, CnnStep.MemoryFormat memoryFormat) {
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"cnn_training".equals(m.category()) || in == null || !"images/s".equals(m.unit()) || m.value() == null) {
            return Optional.empty();
        }
        int devices = MoeRuns.integer(in, "devices", 0);
        int batch = MoeRuns.integer(in, "batchPerDevice", 0);
        Optional<Format> format = Format.fromSlug(String.valueOf(in.get("format")));
        if (devices <= 0 || batch <= 0 || format.isEmpty() || !(in.get("hardware") instanceof String hardware) || !(in.get("model") instanceof String model)) {
            return Optional.empty();
        }
        CnnStep.MemoryFormat layout = in.get("memoryFormat") instanceof String slug
                ? CnnStep.MemoryFormat.fromSlug(slug).orElse(CnnStep.MemoryFormat.CHANNELS_LAST) : CnnStep.MemoryFormat.CHANNELS_LAST;
        return Optional.of(new Run(hardware, model, devices, batch, format.get(), layout));
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        return run(m).map(r -> new ValidationCases.Spec(CNN_TRAINING, r.acceleratorId(), false,
                String.format(Locale.ROOT, "%s on %d × %s, %s, %s, batch %d per device, SGD with momentum%s", r.modelId(), r.devices(),
                        r.acceleratorId(), r.format().slug(), r.memoryFormat().slug(), r.batchPerDevice(),
                        r.devices() > 1 ? ", gradients all-reduced over the devices' own link domain" : ""),
                (device, cal, catalog) -> imagesPerSecond(device, cal, catalog, r)));
    }

    /** Images per second over all the run's devices, as a costing model request answers it. */
    static double imagesPerSecond(Device device, Calibration cal, CatalogCache catalog, Run r) {
        Cnn cnn = CatalogMapping.cnn(catalog.model(r.modelId(), "inputs.model"), "inputs.model");
        CnnStep step = CnnStep.of(device, cal, cnn, r.batchPerDevice(), r.format(), true, Optimizer.SGD, null, null, r.memoryFormat());
        double comm = ModelEstimates.exposedAllReduce(device, cnn.parameters() * r.format().inputBytes, new ModelEstimates.Replicas(r.devices(), null, false),
                step.backwardSeconds(), new ArrayList<>());
        return r.devices() * r.batchPerDevice() / (step.breakdown().total().timeSeconds() + comm);
    }
}
