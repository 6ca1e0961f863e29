package dev.accelerometer.planner.model;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Plans evaluated per second on one core (target ≥ 100,000): memory and step time of one GPT-3 175B plan on 1,024 A100s.
 * Run with {@code ./mvnw -pl services/common,services/testing,services/planner test -Dbenchmarks -Dtest=PlanBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanBenchmark {
    private ModelShape gpt3 = new ModelShape("gpt-3-175b", 96, 12288, 96, 96, 49152, false, 51200,
            ModelShape.parametersOf(96, 12288, 96, 96, 49152, false, 51200));
    private Plan plan = new Plan(16, 8, 8, 2, 1, Plan.Recompute.SELECTIVE, true, 1);
    private LayerCosts costs = new LayerCosts(2e-3, 4e-3, 0.3e-3, 5e-3);

    /** Non-final state and a varying micro-batch size keep the JIT from folding the evaluation into a constant. */
    private int step;

    @Benchmark
    public void evaluatePlan(Blackhole sink) {
        plan = new Plan(16, 8, 8, 2, 1 + (step++ & 1), Plan.Recompute.SELECTIVE, true, 1);
        sink.consume(Memory.of(gpt3, plan, 2048, 4, 12));
        sink.consume(StepTime.of(gpt3, plan, StepTimeTest.DGX_A100, costs, 1536, 2048, 4, 0.9));
    }

    @Test
    @Tag("benchmark")
    void run() throws RunnerException {
        new Runner(new OptionsBuilder().include(PlanBenchmark.class.getSimpleName()).build()).run();
    }
}
