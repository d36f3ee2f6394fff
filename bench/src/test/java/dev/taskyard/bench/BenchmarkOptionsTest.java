package dev.taskyard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.redis.RedisTopology;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    BenchmarkOptions o = BenchmarkOptions.parse();

    assertThat(o.tasks()).isEqualTo(200_000);
    assertThat(o.workers()).isEqualTo(50);
    assertThat(o.batch()).isEqualTo(1000);
    assertThat(o.producers()).isEqualTo(2);
    assertThat(o.payloadBytes()).isEqualTo(20);
    assertThat(o.warmup()).isEqualTo(20_000);
    assertThat(o.rate()).isEqualTo(5000);
    assertThat(o.latencySeconds()).isEqualTo(5);
    assertThat(o.latencyBatch()).isEqualTo(10);
  }

  @Test
  void readsBothSpellingsOfEveryOption() {
    BenchmarkOptions o =
        BenchmarkOptions.parse(
            "--tasks",
            "1_000",
            "--workers=8",
            "--batch",
            "100",
            "--producers=3",
            "--payload-bytes",
            "64",
            "--redis=redis://127.0.0.1:6390",
            "--warmup",
            "0",
            "--rate=2000",
            "--latency-seconds",
            "2",
            "--latency-batch=5",
            "--events-tasks",
            "7",
            "--encrypt=on");

    assertThat(o)
        .isEqualTo(
            new BenchmarkOptions(
                1000,
                8,
                100,
                3,
                64,
                Optional.of(RedisTopology.single("redis://127.0.0.1:6390")),
                0,
                2000,
                2,
                5,
                7,
                true));
  }

  @Test
  void payloadIsJsonOfTheRequestedSize() {
    for (int size : new int[] {8, 20, 1000}) {
      String payload = BenchmarkOptions.parse("--payload-bytes", "" + size).payload();

      assertThat(payload).startsWith("{\"p\":\"").endsWith("\"}");
      assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(size);
    }
  }

  @Test
  void refusesUnknownOptionsAndBadValues() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--task", "5"))
        .hasMessage("Unknown option --task");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--tasks", "many"))
        .hasMessage("--tasks needs a whole number, was 'many'");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--workers", "0"))
        .hasMessage("--workers must be at least 1, was 0");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--payload-bytes", "4"))
        .hasMessage("--payload-bytes must be at least 8, was 4");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--batch")).hasMessage("--batch needs a value");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--encrypt", "maybe"))
        .hasMessage("--encrypt needs on or off, was 'maybe'");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--redis", "http://r:1"))
        .hasMessageStartingWith("--redis must look like redis://");
    assertThatThrownBy(() -> BenchmarkOptions.parse("extra"))
        .hasMessage("Unexpected argument 'extra'");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--help"))
        .isInstanceOf(BenchmarkOptions.HelpRequested.class);
  }
}
