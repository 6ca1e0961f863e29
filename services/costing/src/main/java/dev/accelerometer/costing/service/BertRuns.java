package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * NVIDIA DeepLearningExamples' PyTorch BERT-large pretraining tables (catalog ledger bertp-*, V54, with bert-13 and bert-14) and
 * the same code's SQuAD fine-tuning (run_squad.py) as Lambda's benchmark ran it (lbd-*, V66: one GPU, Adam instead of LAMB):
 * on one node, every GPU accumulates its micro-batches (eager PyTorch attention, AMP fp16, TF32 or fp32) over the table's
 * accumulation steps, then the gradients are all-reduced once (run_pretraining.py's allreduce_post_accumulation, not
 * overlapped) and LAMB updates every replica's weights. Category encoder-training, the band encoder training answers quote;
 * every row is held out.
 */
final class BertRuns {
    /** The category of encoder (BERT-style) training cases, and of the band encoder training answers quote. */
    static final String ENCODER_TRAINING = "encoder-training";
    /** The category of one encoder layer's kernels timed alone (no answer quotes it; it checks the blocks under encoder training). */
    static final String ENCODER_LAYER = "encoder-layer";

    private BertRuns() {
    }

    /** The case a BERT pretraining row describes; empty for any other entry. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"bert_training".equals(m.category()) || in == null) {
            return Optional.empty();
        }
        if ("encoder-layer".equals(in.get("task")) && "ms".equals(m.unit())) {
            return encoderLayer(in);
        }
        boolean fineTuning = "fine-tuning".equals(in.get("task"));
        if (!"pretraining".equals(in.get("task")) && !fineTuning || !"sequences/s".equals(m.unit())) {
            return Optional.empty();
        }
        int gpus = MoeRuns.integer(in, "gpus", 0);
        int micro = MoeRuns.integer(in, "microBatchPerGpu", 0);
        int accumulation = MoeRuns.integer(in, "gradientAccumulation", 0);
        int sequence = MoeRuns.integer(in, "sequenceLength", 0);
        Format format = switch (String.valueOf(in.get("precision"))) {
            case "tf32" -> Format.TF32;
            case "fp32" -> Format.FP32;
            case "fp16-amp" -> Format.FP16;
            default -> null;
        };
        // A binned run (LDDL's phase 2 since January 2022) trains on batches shorter than its nominal length: not this length.
        if (gpus <= 0 || micro <= 0 || accumulation <= 0 || sequence <= 0 || format == null || MoeRuns.integer(in, "nodes", 1) != 1
                || in.get("sequenceBinning") != null) {
            return Optional.empty();
        }
        String modelId = String.valueOf(in.get("model"));
        // Fine-tuning (run_squad.py) updates with BertAdam, an Adam without bias correction; pretraining (run_pretraining.py) with LAMB.
        Optimizer optimizer = fineTuning ? Optimizer.ADAMW : Optimizer.LAMB;
        String assumption = String.format(Locale.ROOT, "%s %s on %d GPU%s of one node: %d micro-batches of %d × %d tokens per GPU, "
                + "eager PyTorch attention, %s, gradients all-reduced once after accumulation (not overlapped), %s on every replica", modelId,
                fineTuning ? "fine-tuning" : "pretraining", gpus, gpus == 1 ? "" : "s", accumulation, micro, sequence, format.slug(),
                fineTuning ? "Adam" : "LAMB");
        return Optional.of(new ValidationCases.Spec(ENCODER_TRAINING, String.valueOf(in.get("hardware")), false, assumption,
                (device, cal, catalog) -> sequencesPerSecond(device, cal, ValidationCases.model(catalog, modelId, "inputs.model"), gpus, micro,
                        accumulation, sequence, format, optimizer)));
    }

    /**
     * One encoder layer's forward and backward kernels timed alone (ledger sub-*, the Substation README): the training step's
     * block kernels ÷ layers, without the end-to-end overhead, the optimizer or the head. PyTorch runs the block op by op
     * (eager attention and the eager block's copies and dropouts); TensorFlow+XLA, DeepSpeed's transformer kernel and Substation
     * fuse the softmax with its scale, mask and dropout and the elementwise work (standard attention, fused streaming).
     */
    private static Optional<ValidationCases.Spec> encoderLayer(Map<String, Object> in) {
        int batch = MoeRuns.integer(in, "batch", 0);
        int sequence = MoeRuns.integer(in, "sequenceLength", 0);
        String implementation = String.valueOf(in.get("implementation"));
        if (batch <= 0 || sequence <= 0 || !"fp16".equals(in.get("precision"))) {
            return Optional.empty();
        }
        Attention.Kernel kernel = "pytorch".equals(implementation) ? Attention.Kernel.EAGER : Attention.Kernel.STANDARD;
        String modelId = String.valueOf(in.get("model"));
        String assumption = String.format(Locale.ROOT, "%s encoder layer, %d × %d tokens, fp16, forward and backward kernels (%s: %s), "
                + "no optimizer or end-to-end overhead", modelId, batch, sequence, implementation,
                kernel == Attention.Kernel.EAGER ? "eager attention and block" : "fused softmax and elementwise kernels");
        return Optional.of(new ValidationCases.Spec(ENCODER_LAYER, String.valueOf(in.get("hardware")), false, assumption,
                (device, cal, catalog) -> layerMilliseconds(device, cal, ValidationCases.model(catalog, modelId, "inputs.model"), batch, sequence,
                        kernel)));
    }

    /** One block's forward and backward kernels in milliseconds, fp16. */
    static double layerMilliseconds(Device device, Calibration cal, Transformer model, int batch, int sequence, Attention.Kernel kernel) {
        TrainingStep step = TrainingStep.of(device, cal, model, batch, sequence, Format.FP16, kernel, Optimizer.ADAMW);
        return (step.layersForwardSeconds() + step.layersBackwardSeconds()) / model.layers() * 1e3;
    }

    /** One phase of a pretraining run: {@code steps} optimizer steps, each {@code accumulation} micro-batches of {@code micro} × {@code sequence} per GPU. */
    record Phase(long steps, int micro, int accumulation, int sequence) {
    }

    /**
     * Hours to train {@code phases} one after another on {@code gpus} GPUs of one node, each phase at its {@link #sequencesPerSecond}
     * (AMP fp16, LAMB): the time-to-train rows of the same README.
     */
    static double hoursToTrain(Device device, Calibration cal, Transformer model, int gpus, Format format, Phase... phases) {
        double seconds = 0;
        for (Phase p : phases) {
            double sequences = (double) p.steps() * gpus * p.micro() * p.accumulation();
            seconds += sequences / sequencesPerSecond(device, cal, model, gpus, p.micro(), p.accumulation(), p.sequence(), format, Optimizer.LAMB);
        }
        return seconds / 3600;
    }

    /** Sequences per second over all GPUs: {@code accumulation} micro-batch steps, one all-reduce, one {@code optimizer} update. */
    static double sequencesPerSecond(Device device, Calibration cal, Transformer model, int gpus, int micro, int accumulation, int sequence,
            Format format, Optimizer optimizer) {
        TrainingStep step = TrainingStep.of(device, cal, model, micro, sequence, format, Attention.Kernel.EAGER, optimizer);
        double update = step.optimizerSeconds();
        double allReduce = ModelEstimates.exposedAllReduce(device, model.parameters() * (double) format.inputBytes,
                new ModelEstimates.Replicas(gpus, null, false), 0, new ArrayList<>());
        double seconds = accumulation * (step.total().timeSeconds() - update) + update + allReduce;
        return (double) gpus * micro * accumulation / seconds;
    }
}
