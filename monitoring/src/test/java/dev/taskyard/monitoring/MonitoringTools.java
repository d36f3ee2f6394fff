package dev.taskyard.monitoring;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The monitoring programs the tests run, from Debian's packages ({@code prometheus} gives {@code
 * prometheus} and {@code promtool}, {@code prometheus-alertmanager} gives {@code
 * prometheus-alertmanager} and {@code amtool}, {@code docker-compose}), which {@code .ci/run}
 * installs. Each can be moved with {@code -Dtaskyard.it.<name>}. A missing program fails the test,
 * saying what to install: these tests are never skipped.
 */
public final class MonitoringTools {
  /** The repository's root: the tests read its {@code prometheus/}, {@code alertmanager/}... */
  public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  private MonitoringTools() {}

  public static Path tool(String name) {
    Path path = Path.of(System.getProperty("taskyard.it." + name, "/usr/bin/" + name));
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          path
              + " is missing: the monitoring tests need Debian's prometheus,"
              + " prometheus-alertmanager and docker-compose packages");
    }
    return path;
  }

  /** A port free now, for a server a test starts. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts the server {@code command} (its first element a tool's name) in {@code directory}, its
   * output and errors to {@code log}; {@link #stop} it after use.
   */
  public static Process startServer(Path directory, Path log, List<String> command)
      throws IOException {
    List<String> line = new ArrayList<>(command);
    line.set(0, tool(command.get(0)).toString());
    return new ProcessBuilder(line)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Stops a server a test started: politely, then forcibly if it will not end. */
  public static void stop(Process server) throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** The result of running a program to its end. */
  public record Run(int exitCode, String output) {}

  /** Runs {@code name} with {@code args} in {@code directory}, output and errors together. */
  public static Run run(Path directory, String name, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tool(name).toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not end: " + output);
    }
    return new Run(process.exitValue(), output);
  }
}
