package dev.accelerometer.planner.model;

/**
 * Compute times of one transformer layer shard (t-way tensor parallel) for one micro-batch, as the costing service
 * estimates them: forward, backward, and the attention forward that selective recomputation repeats; plus the output
 * layer (with its loss) on the last stage.
 */
public record LayerCosts(double forwardSeconds, double backwardSeconds, double attentionForwardSeconds, double headSeconds) {
}
