package dev.taskyard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.testing.TestRedis;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Golden exposition-text assertions: a collector's output over real Redis, in the Prometheus text
 * format, compared with {@code src/test/resources/golden/<name>.txt}. In a golden file {@code
 * QUEUE} stands for the test's random queue and {@code <ANY>} for a number that depends on the
 * clock (an age), which the test then checks on its own.
 */
final class Exposition {
  private static final ExecutorService PARTS = Executors.newFixedThreadPool(6);

  private Exposition() {}

  /** A reader over the shared test Redis. */
  static RedisReader reader() {
    return new RedisReader(TestRedis.get().taskyard(), PARTS);
  }

  static String text(List<MetricSnapshot> metrics) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create()
          .write(out, new MetricSnapshots(metrics), EscapingScheme.ALLOW_UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The lines about one queue (its name replaced by {@code QUEUE}), the comments, and the series
   * without labels; other queues' series are left out.
   */
  static String ofQueue(String text, String queue) {
    return text.lines()
        .filter(l -> l.startsWith("#") || l.contains("queue=\"" + queue + "\"") || !l.contains("{"))
        .map(l -> l.replace("queue=\"" + queue + "\"", "queue=\"QUEUE\""))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  static void assertMatchesGolden(String actual, String golden) {
    String expected = golden(golden);
    String regex =
        Pattern.compile("<ANY>", Pattern.LITERAL)
            .splitAsStream(expected)
            .map(Pattern::quote)
            .collect(Collectors.joining("[-+0-9.eE]+"));
    // A golden file may end just after an <ANY>: splitting then drops nothing, but be explicit.
    if (expected.endsWith("<ANY>")) {
      regex += "[-+0-9.eE]+";
    }
    assertThat(actual)
        .as("exposition compared with golden/%s.txt:%n%s", golden, expected)
        .matches(Pattern.compile(regex, Pattern.DOTALL));
  }

  /** The value of the one sample of {@code series} (metric name and labels, as exposed). */
  static double value(String text, String series) {
    return text.lines()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " is not in:\n" + text));
  }

  private static String golden(String name) {
    try (InputStream in = Exposition.class.getResourceAsStream("/golden/" + name + ".txt")) {
      if (in == null) {
        throw new AssertionError("golden/" + name + ".txt is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
