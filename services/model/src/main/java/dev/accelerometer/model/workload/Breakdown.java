package dev.accelerometer.model.workload;

import dev.accelerometer.model.kernel.OpCost;
import java.util.List;

/** The operations of a step, each summed over the layers, and their total (the times add up). */
public record Breakdown(List<OpCost> operations, OpCost total) {
    public static Breakdown of(String name, List<OpCost> operations) {
        return new Breakdown(List.copyOf(operations), OpCost.sequence(name, operations));
    }
}
