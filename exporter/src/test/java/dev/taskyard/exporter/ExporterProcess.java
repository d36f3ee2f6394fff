package dev.taskyard.exporter;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built exporter jar ({@code taskyard.exporter.jar}), run as its own process. */
final class ExporterProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ExporterProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -jar taskyard-exporter.jar args} with {@code env} added. */
  static ExporterProcess start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile(Path.of("target"), "exporter-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("TASKYARD_REDIS_URL");
    builder.environment().putAll(env);
    return new ExporterProcess(builder.start(), log);
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("taskyard.exporter.jar", "target/taskyard-exporter.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with mvn package first");
    }
    return jar;
  }

  /** Waits for the process to end on its own and gives its exit code. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the exporter did not end: " + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** GETs {@code url} once it answers at all, with HTTP Basic credentials if given. */
  HttpResponse<String> get(HttpClient client, URI url, String user, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError("the exporter ended: " + output());
              }
              return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            },
            response -> true);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
