package dev.accelerometer.model.parallel;

import dev.accelerometer.model.kernel.Streaming;

/**
 * The optimizer update of the parameters one device holds: one streaming kernel over the optimizer's traffic per
 * parameter (gradients at the job's width), as in {@link dev.accelerometer.model.workload.TrainingStep}, with the same
 * share of what an end-to-end step spends around its kernels (1 ÷ the training-step efficiency).
 */
final class OptimizerStep {
    private OptimizerStep() {
    }

    static double seconds(TrainingJob job, double parameters) {
        double bytes = parameters * job.optimizer().stepTrafficBytesPerParameter(job.gradientBytes());
        double kernel = Streaming.op(job.cluster().device(), job.calibration(), "optimizer step", bytes, 10.0 * parameters).timeSeconds();
        return kernel / job.calibration().trainingStepEfficiency();
    }
}
