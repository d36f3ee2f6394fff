package dev.taskyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built launcher jar as a real process, with what it prints. The output goes to a file rather
 * than a pipe: {@link Process#destroy()} closes the pipe, and what the launcher prints while it
 * stops would be lost.
 */
final class RunningLauncher implements AutoCloseable {
  private static final Path JAR = Path.of(System.getProperty("taskyard.launcher.jar"));

  private final Process process;
  private final Path output;

  private RunningLauncher(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts the launcher on {@code dataDir}, {@code port} and {@code exporterPort}, with no
   * TASKYARD_* settings.
   */
  static RunningLauncher start(Path dataDir, int port, int exporterPort) {
    return start(dataDir, port, exporterPort, Map.of());
  }

  /** The same with these TASKYARD_* settings in its environment. */
  static RunningLauncher start(
      Path dataDir, int port, int exporterPort, Map<String, String> settings) {
    try {
      Path output = Files.createTempFile("taskyard-launcher", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  JAR.toString(),
                  "--data",
                  dataDir.toString(),
                  "--port",
                  Integer.toString(port),
                  "--exporter-port",
                  Integer.toString(exporterPort))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("TASKYARD_"));
      builder.environment().putAll(settings);
      return new RunningLauncher(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Process process() {
    return process;
  }

  /** Waits for the line that says everything answers. */
  RunningLauncher awaitReady() {
    await()
        .atMost(Duration.ofMinutes(5))
        .until(() -> printed(Launcher.READY) || !process.isAlive());
    assertThat(printed(Launcher.READY)).as("ready line in %s", output()).isTrue();
    return this;
  }

  /** Waits for the process to end and returns its exit code. */
  int awaitExit() {
    await().atMost(Duration.ofMinutes(2)).until(() -> !process.isAlive());
    return process.exitValue();
  }

  /** The first word after {@code label:} on the ready block's line for it. */
  String value(String label) {
    String prefix = "  " + label + ":";
    return lines().stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()).trim().split("\\s+")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + label + " in " + output()));
  }

  /** The port of a URL printed under {@code label} ({@code jdbc:} ones too). */
  int port(String label) {
    String url = value(label);
    String authority = url.substring(url.indexOf("://") + 3).split("[/?]")[0];
    return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
  }

  String output() {
    return String.join("\n", lines());
  }

  private boolean printed(String start) {
    return lines().stream().anyMatch(line -> line.startsWith(start));
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    Files.deleteIfExists(output);
  }
}
