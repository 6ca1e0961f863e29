package dev.accelerometer.model.kernel;

/** What limits an operation: arithmetic, memory traffic, or fixed latency. */
public enum Bound { COMPUTE, MEMORY, LATENCY }
