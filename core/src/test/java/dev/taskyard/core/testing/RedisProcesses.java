package dev.taskyard.core.testing;

import static org.awaitility.Awaitility.await;

import dev.taskyard.embedded.EmbeddedRedis;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Redis processes of a test run, from the operating system's binaries (Debian's {@code
 * redis-server} package: {@value #SERVER} and {@value #CLI}; {@code -Dtaskyard.redis.server} names
 * another server), each with its log in one scratch directory; all stopped together, at close or
 * when the JVM exits. A missing binary fails the run: a test asked for a topology must not quietly
 * run on another.
 */
final class RedisProcesses implements AutoCloseable {
  static final String SERVER = "/usr/bin/redis-server";
  static final String CLI = "/usr/bin/redis-cli";

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final Map<Integer, Process> servers = new ConcurrentHashMap<>();
  private final Thread stopHook = new Thread(this::stopAll, "redis-processes-stop");

  RedisProcesses(String name) {
    try {
      dir = Files.createTempDirectory("taskyard-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(stopHook);
  }

  Path dir() {
    return dir;
  }

  /** Starts {@code redis-server} with these arguments and waits until it answers PING. */
  void startServer(int port, String... args) {
    List<String> command = new ArrayList<>(List.of(binary(server()), "--port", "" + port));
    command.addAll(List.of(args));
    servers.put(port, start("redis-" + port, command));
    awaitPing(port);
  }

  /** Kills the server on {@code port} with SIGKILL, as a crashed machine would stop it. */
  void kill(int port) {
    Process server = servers.remove(port);
    if (server == null) {
      throw new IllegalArgumentException("no running server of this run on port " + port);
    }
    server.destroyForcibly(); // SIGKILL on Linux: no shutdown save, no goodbye to its replicas
    try {
      server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the server on port " + port, e);
    }
  }

  /**
   * Starts a Sentinel on {@code port} with its configuration file (first, as redis-server wants it;
   * Sentinel rewrites it) and waits until it answers PING.
   */
  void startSentinel(int port, Path config) {
    start(
        "sentinel-" + port,
        List.of(binary(server()), config.toString(), "--sentinel", "--port", "" + port));
    awaitPing(port);
  }

  /** Runs {@code redis-cli} with these arguments to its end, failing on a non-zero exit. */
  void runCli(String... args) {
    List<String> command = new ArrayList<>(List.of(binary(CLI)));
    command.addAll(List.of(args));
    Process process = start("redis-cli", command);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-cli did not end within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while redis-cli ran", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "redis-cli exited with " + process.exitValue() + "; see " + dir.resolve("redis-cli.log"));
    }
  }

  Process start(String logName, List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(logName + ".log").toFile())
              .start();
      processes.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** How many replicas the server on {@code port} has connected ({@code INFO replication}). */
  static int connectedReplicas(int port) {
    String info = String.valueOf(Resp.call(port, "INFO", "replication"));
    return Integer.parseInt(info.replaceAll("(?s).*connected_slaves:(\\d+).*", "$1"));
  }

  static void awaitPing(int port) {
    await("Redis on port " + port)
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> "PONG".equals(Resp.call(port, "PING")));
  }

  private static String server() {
    String named = System.getProperty(EmbeddedRedis.BINARY_PROPERTY);
    return named == null || named.isBlank() ? SERVER : named.trim();
  }

  private static String binary(String path) {
    if (!new File(path).canExecute()) {
      throw new IllegalStateException(
          path + " is missing: install Debian's redis-server and redis-tools packages");
    }
    return path;
  }

  private void stopAll() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a scratch directory under the system's temporary directory
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(stopHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook itself
    }
  }
}
