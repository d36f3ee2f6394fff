package dev.taskyard.app.demo;

import dev.taskyard.app.tasks.TaskQueue;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Submits one file's tasks: checksum and inspect, then a move that depends on both and runs
 * whatever their outcome. Idempotency keys name the file's path, size and modification time, so
 * seeing the same file again (a rescan, a second node watching the same inbox) submits nothing.
 */
@ApplicationScoped
public class FilePipeline {

  @Inject TaskQueue tasks;

  /** Submits the file's tasks; returns the move task. */
  public TaskRef submit(Path file) throws IOException {
    String fileKey = fileKey(file);
    String payload = new FileTask(file.toAbsolutePath()).toJson();
    TaskRef checksum = tasks.submit(FileTask.QUEUE, step("file.checksum", payload, fileKey));
    TaskRef inspect = tasks.submit(FileTask.QUEUE, step("file.inspect", payload, fileKey));
    String movePayload =
        Json.createObjectBuilder(FileTask.parse(payload))
            .add("checksumTask", checksum.id())
            .add("inspectTask", inspect.id())
            .build()
            .toString();
    return tasks.submit(
        FileTask.QUEUE,
        step("file.move", movePayload, fileKey)
            .withDependencies(List.of(checksum, inspect))
            .withOnParentFailure(TaskRequest.ParentFailure.RUN));
  }

  /** The file's path, size and modification time, hashed: keys are limited in length. */
  private static String fileKey(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    String identity =
        file.toAbsolutePath()
            + "|"
            + attributes.size()
            + "|"
            + attributes.lastModifiedTime().toMillis();
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static TaskRequest step(String type, String payload, String fileKey) {
    // The key is the file's; the correlation id ties its three tasks together in the console.
    return TaskRequest.of(type, payload)
        .withIdempotencyKey(type + "|" + fileKey)
        .withCorrelationId("file-" + fileKey.substring(0, 16))
        .withMaxAttempts(3);
  }
}
