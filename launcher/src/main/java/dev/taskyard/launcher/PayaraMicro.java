package dev.taskyard.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Payara Micro with the application, as a child process whose output goes to a log file. */
final class PayaraMicro {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;

  private PayaraMicro(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code payaraJar} deploying {@code war} on {@code port}, running {@code bootCommands}
   * (asadmin commands) at boot, with {@code properties} as system properties and {@code
   * environment} added to this process's environment.
   */
  static PayaraMicro start(
      Path payaraJar,
      Path war,
      Path bootCommands,
      int port,
      Map<String, String> properties,
      Map<String, String> environment,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            payaraJar.toString(),
            "--deploy",
            war.toString(),
            "--port",
            Integer.toString(port),
            "--prebootcommandfile",
            bootCommands.toString(),
            "--nocluster"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    return new PayaraMicro(builder.start(), log);
  }

  /** Waits until {@code ready} answers 200, failing if the process ends or time runs out. */
  void awaitReady(URI ready, Duration timeout) throws LaunchException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(30)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new LaunchException(
            "Payara Micro exited with code " + process.exitValue() + " while starting; see " + log);
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new LaunchException(
        "Payara Micro was not ready within "
            + timeout.toSeconds()
            + " s ("
            + ready
            + "); see "
            + log);
  }

  /** Blocks until the process ends, and returns its exit code. */
  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Asks the server to stop (SIGTERM), and kills it if it has not within a grace period. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        System.err.println("Payara Micro did not stop within " + STOP_GRACE.toSeconds() + " s");
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
