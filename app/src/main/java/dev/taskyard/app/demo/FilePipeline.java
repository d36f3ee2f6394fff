package dev.taskyard.app.demo;

import dev.taskyard.app.tasks.TaskQueue;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.task.TaskRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    String key =
        file.toAbsolutePath()
            + "|"
            + attributes.size()
            + "|"
            + attributes.lastModifiedTime().toMillis();
    String payload = new FileTask(file.toAbsolutePath()).toJson();
    TaskRef checksum = tasks.submit(FileTask.QUEUE, step("file.checksum", payload, key));
    TaskRef inspect = tasks.submit(FileTask.QUEUE, step("file.inspect", payload, key));
    String movePayload =
        Json.createObjectBuilder(FileTask.parse(payload))
            .add("checksumTask", checksum.id())
            .add("inspectTask", inspect.id())
            .build()
            .toString();
    return tasks.submit(
        FileTask.QUEUE,
        step("file.move", movePayload, key)
            .withDependencies(List.of(checksum, inspect))
            .withOnParentFailure(TaskRequest.ParentFailure.RUN));
  }

  private static TaskRequest step(String type, String payload, String fileKey) {
    // The key is the file's; the correlation id ties its three tasks together in the console.
    return TaskRequest.of(type, payload)
        .withIdempotencyKey(type + "|" + fileKey)
        .withCorrelationId(Integer.toHexString(fileKey.hashCode()))
        .withMaxAttempts(3);
  }
}
