package dev.accelerometer.costing.model;

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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * In-process speed of the model (target: one matmul or attention estimate under 20 µs). Run with
 * {@code ./mvnw -pl services/common,services/costing test -Dbenchmarks -Dtest=ModelBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelBenchmark {
    private final Attention.Shape attention = new Attention.Shape(8, 2048, 2048, 16, 16, 128, true);

    @Benchmark
    public OpCost matmulH100() {
        return Gemm.estimate(Devices.H100_SXM, Devices.HOPPER, 8192, 8192, 8192, 1, Format.BF16).cost();
    }

    @Benchmark
    public OpCost matmulTpuV4() {
        return Gemm.estimate(Devices.TPU_V4, Devices.DEFAULT, 4096, 4096, 4096, 1, Format.BF16).cost();
    }

    @Benchmark
    public OpCost flashAttentionA100() {
        return Attention.estimate(Devices.A100_SXM_80GB, Devices.AMPERE, attention, Attention.Kernel.FLASH, Attention.Pass.FORWARD_BACKWARD, Format.BF16);
    }

    @Benchmark
    public OpCost standardAttentionA100() {
        return Attention.estimate(Devices.A100_SXM_80GB, Devices.AMPERE, attention, Attention.Kernel.STANDARD, Attention.Pass.FORWARD_BACKWARD, Format.BF16);
    }

    @Benchmark
    public OpCost bertLargeTrainingStep() {
        return Transformer.trainingStep(Devices.A100_SXM_80GB, Devices.AMPERE, TransformerTest.BERT_LARGE, 256, 128, Format.FP16,
                Attention.Kernel.EAGER, "lamb").total();
    }

    @Test
    @Tag("benchmark")
    void run() throws RunnerException {
        new Runner(new OptionsBuilder().include(ModelBenchmark.class.getSimpleName()).build()).run();
    }
}
