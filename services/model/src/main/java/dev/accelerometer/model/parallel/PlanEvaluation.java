package dev.accelerometer.model.parallel;

/**
 * One plan evaluated: memory per device against what is usable, the step time by term, throughput, model and hardware
 * FLOPs utilisation, and — when the job gives the tokens to train on — time, dollars and energy to train.
 */
public record PlanEvaluation(Plan plan, PlanMemory memory, double capacityBytes, double usableBytes, boolean fits, StepTime.Breakdown step,
        double tokensPerSecond, double modelFlopsPerSecondPerDevice, double modelFlopsUtilization, double hardwareFlopsUtilization,
        Double timeToTrainSeconds, Double costUsd, Double energyJoules) {

    public static PlanEvaluation of(TrainingJob job, Plan plan, LayerCosts costs) {
        return of(job, plan, costs, StepTime.modelFlops(job));
    }

    /** As {@link #of(TrainingJob, Plan, LayerCosts)} with the job's model FLOPs per step, which no plan changes (a search counts them once). */
    static PlanEvaluation of(TrainingJob job, Plan plan, LayerCosts costs, double modelFlops) {
        PlanMemory memory = PlanMemory.of(job, plan);
        double capacity = job.cluster().device().memoryBytes();
        double usable = capacity * (1 - job.headroom());
        StepTime.Breakdown step = StepTime.of(job, plan, costs);
        // Full recomputation runs the forward pass twice: 4/3 of the model FLOPs (Narayanan et al. 2021, eq. 3 vs 72).
        double hardwareFlops = modelFlops * (plan.recompute() == dev.accelerometer.model.memory.Activations.Recompute.FULL ? 4.0 / 3 : 1.0);
        int devices = plan.devices();
        double seconds = step.totalSeconds();
        double perDevice = modelFlops / seconds / devices;
        double peak = job.peakFlopsPerSecond();
        Double timeToTrain = job.tokens() == null ? null : Math.ceil(job.tokens() / (job.globalBatch() * job.sequence())) * seconds;
        var device = job.cluster().device();
        Double cost = timeToTrain == null ? null : device.costUsd(timeToTrain, devices);
        Double energy = timeToTrain == null ? null : device.energyJoules(timeToTrain, devices);
        // Offloaded states must also fit the host's memory, where the request gives it: every rank of a node keeps its partition there.
        Double hostMemory = job.host().memoryBytes();
        boolean hostFits = hostMemory == null
                || memory.hostBytes() * Math.min(devices, job.cluster().devicesPerNode()) <= hostMemory * (1 - job.headroom());
        return new PlanEvaluation(plan, memory, capacity, usable, memory.totalBytes() <= usable && hostFits, step,
                job.globalBatch() * job.sequence() / seconds, perDevice, perDevice / peak, hardwareFlops / seconds / devices / peak, timeToTrain,
                cost, energy);
    }
}
