package dev.taskyard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} (package {@code prometheus}, which {@code .ci/run} installs), or the
 * one {@code -Dtaskyard.it.promtool} names. Missing, it fails the test saying what to install: this
 * check is never skipped.
 */
final class Promtool {
  private Promtool() {}

  /** Asserts that {@code promtool check metrics} finds no problem in an exposition. */
  static void assertCleanMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = Path.of(System.getProperty("taskyard.it.promtool", "/usr/bin/promtool"));
    if (!Files.isExecutable(promtool)) {
      throw new IllegalStateException(
          promtool + " is missing: install Debian's prometheus package (it has promtool)");
    }
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not end: " + output);
    }
    assertThat(output).as("promtool check metrics").isEmpty();
    assertThat(process.exitValue()).as("promtool's exit code").isZero();
  }
}
