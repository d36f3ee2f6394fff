package dev.taskyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;

/** A small run of the whole benchmark against the test Redis. */
class BenchmarkIT {

  @Test
  void smallRunMeasuresEveryPhaseAndLeavesNoKeysBehind() {
    TestRedis redis = TestRedis.get();
    BenchmarkOptions options =
        new BenchmarkOptions(
            3000,
            8,
            250,
            2,
            20,
            Optional.of(RedisTopology.single(redis.url())),
            500,
            500,
            1,
            10,
            500,
            false);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Benchmark.Result r =
        new Benchmark(
                options,
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .run();

    assertThat(r.tasks()).isEqualTo(3000);
    assertThat(r.claimedTasks()).isEqualTo(3000);
    assertThat(r.acknowledgedTasks()).isEqualTo(3000);
    assertThat(r.submitRate()).isPositive();
    assertThat(r.processRate()).isPositive();
    // Each task is written once on submit, and read and written on claim and on acknowledgement;
    // the pool's heartbeat adds one HSET a second.
    long beats = (long) Math.ceil(r.processSeconds()) + 1;
    assertThat(r.submitCommands().calls("hset")).isEqualTo(3000);
    assertThat(r.processCommands().calls("hset")).isBetween(6000L, 6000L + beats);
    assertThat(r.processCommands().calls("hmget")).isGreaterThanOrEqualTo(6000);
    assertThat(r.processCommands().calls("info")).isZero();
    assertThat(r.commandsPerTask()).isBetween(5.0, 30.0);
    assertThat(r.latencyTasks()).isEqualTo(500);
    assertThat(r.submitToStart().getTotalCount()).isEqualTo(500);
    assertThat(r.submitToDone().getTotalCount()).isEqualTo(500);
    assertThat(r.submitToDone().getValueAtPercentile(50))
        .isGreaterThanOrEqualTo(r.submitToStart().getValueAtPercentile(50));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "submit:",
            "process:",
            "submit->start",
            "submit->done",
            "commands per task",
            "live events:",
            "idle queue, submit -> event delivered");
    assertThat(
            redis.redisson().getKeys().getKeys(KeysScanOptions.defaults().pattern("ty:{bench-*")))
        .isEmpty();
    assertThat(redis.redisson().<String>getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).readAll())
        .noneMatch(q -> q.startsWith("bench-"));
  }
}
