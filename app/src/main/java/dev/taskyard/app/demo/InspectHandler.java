package dev.taskyard.app.demo;

import dev.taskyard.app.workers.TaskType;
import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file's size, content type and, for text, its line count. */
@ApplicationScoped
@TaskType(value = "file.inspect", queue = FileTask.QUEUE)
public class InspectHandler implements TaskHandler {

  @Inject Inbox inbox;

  @Override
  public String handle(TaskContext task) throws Exception {
    Path file = FileTask.fromJson(task.payload()).in(inbox);
    String contentType = Files.probeContentType(file);
    JsonObjectBuilder result =
        Json.createObjectBuilder()
            .add("size", Files.size(file))
            .add("contentType", contentType == null ? "application/octet-stream" : contentType);
    if (contentType != null && contentType.startsWith("text/")) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        result.add("lines", reader.lines().count());
      }
    }
    return result.build().toString();
  }
}
