package dev.taskyard.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Payara Micro that a test starts itself (besides Arquillian's), on a free port against the
 * {@link TestStack}'s Redis and PostgreSQL: another app node, or one with other settings. Its log
 * goes to {@code target/<name>.log}.
 */
public final class PayaraNode implements AutoCloseable {
  private static final String DEPLOY_FAILED = "Exception while loading the app";
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(");
  private static final Pattern RECORD_HEADER =
      Pattern.compile("^\\[\\d{4}-[^\\]]*] \\[[^\\]]*] \\[[^\\]]*] \\[[^\\]]*] \\[([^\\]]*)]");
  private final Process process;
  private final URL base;
  private final Path log;

  private PayaraNode(Process process, URL base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** Starts {@code war} with {@code properties} added to the test settings; waits until ready. */
  public static PayaraNode start(String name, Path war, Map<String, String> properties) {
    TestStack.ensureStarted();
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dtaskyard.redis.url=" + TestStack.REDIS.url());
    command.add(
        "-Dtaskyard.database.url=jdbc:postgresql://127.0.0.1:"
            + Integer.getInteger("taskyard.it.postgresPort")
            + "/postgres");
    command.add("-Dtaskyard.admin.password=" + ApiClient.ADMIN_PASSWORD);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--deploy",
            war.toString(),
            "--port",
            Integer.toString(port),
            "--prebootcommandfile",
            System.getProperty("taskyard.it.bootCommands"),
            "--nocluster"));
    Path log = Path.of(System.getProperty("payara.microJar")).resolveSibling(name + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PayaraNode node = new PayaraNode(process, new URL("http://127.0.0.1:" + port + "/"), log);
      try {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
            .until(
                () -> {
                  if (!process.isAlive() || Files.readString(log).contains(DEPLOY_FAILED)) {
                    throw new IllegalStateException("Payara Micro failed; see " + log);
                  }
                  HttpResponse<String> ready = ApiClient.anonymous(node.base).get("/health/ready");
                  // Payara answers health without the app too: the app's checks must be listed.
                  return ready.statusCode() == 200 && ready.body().contains("\"redis\"");
                });
      } catch (RuntimeException | AssertionError e) {
        node.close();
        throw e;
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The application's root, like Arquillian's {@code @ArquillianResource URL}. */
  public URL url() {
    try {
      return new URL(base, "taskyard-app/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How long the node's log is now: where what it logs next starts. */
  public long logSize() {
    try {
      return Files.size(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The loggers whose records the node logged with a stack trace, from byte {@code from} of its log
   * (the output of the server and the application) on. A record starts with a header naming its
   * logger ({@code [time] [] [LEVEL] [] [logger] ...}); a logged exception prints its frames below
   * as {@code at class.method(File.java:1)}.
   */
  public Set<String> loggersWithStackTraces(long from) {
    Set<String> loggers = new TreeSet<>();
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(from);
      String logger = "(before the first record)";
      for (String line :
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replaceAll("\u001B\\[[0-9;]*m", "")
              .lines()
              .toList()) {
        Matcher header = RECORD_HEADER.matcher(line);
        if (header.find()) {
          logger = header.group(1);
        } else if (STACK_FRAME.matcher(line).find()) {
          loggers.add(logger);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return loggers;
  }

  /** The server's root, for {@code /health}. */
  public URL serverUrl() {
    return base;
  }

  /**
   * Kills the node as a crash would: SIGKILL ({@link Process#destroyForcibly()} on Linux), so
   * nothing stops gracefully, no lease is released and no stream entry acknowledged. Returns once
   * the process is gone, with its exit value (128 + 9 for SIGKILL).
   */
  public int kill() {
    process.destroyForcibly();
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + log, e);
    }
  }

  /**
   * Freezes the node (SIGSTOP) until {@link #thaw()}: what it holds in Redis stays as it is, so a
   * test can look at it and pick the moment to {@link #kill()} it.
   */
  public void freeze() {
    signal("STOP");
  }

  /** Lets a frozen node go on (SIGCONT). */
  public void thaw() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " failed for " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + log, e);
    }
  }

  /** Stops the node as an orchestrator would (SIGTERM: undeploy, workers stop gracefully). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
