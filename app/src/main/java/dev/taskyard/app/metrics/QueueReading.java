package dev.taskyard.app.metrics;

import java.time.Instant;

/**
 * What one sample read from Redis for a queue: cumulative counters and histograms (as since the
 * queue was created), and the gauges at that moment.
 *
 * @param at the Redis server's time of the reading
 * @param counters cumulative, in {@link Counter} order
 * @param gauges in {@link Gauge} order
 */
record QueueReading(
    String queue,
    Instant at,
    long[] counters,
    double[] gauges,
    Histogram durations,
    Histogram waits) {}
