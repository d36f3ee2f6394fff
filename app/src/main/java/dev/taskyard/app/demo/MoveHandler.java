package dev.taskyard.app.demo;

import dev.taskyard.app.workers.TaskType;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Runs once the checksum and inspect tasks have ended (it depends on both): moves the file to
 * {@code done/} if both succeeded, else to {@code failed/}, with a JSON sidecar of what they found.
 */
@ApplicationScoped
@TaskType(value = "file.move", queue = FileTask.QUEUE)
public class MoveHandler implements TaskHandler {

  @Inject Inbox inbox;

  @Inject Taskyard taskyard;

  @Override
  public String handle(TaskContext task) throws Exception {
    JsonObject payload = FileTask.parse(task.payload());
    Path file = FileTask.fromJson(task.payload()).in(inbox);
    TaskRecord checksum = parent(payload.getString("checksumTask"));
    TaskRecord inspect = parent(payload.getString("inspectTask"));
    boolean ok = checksum.state() == TaskState.SUCCEEDED && inspect.state() == TaskState.SUCCEEDED;
    JsonObjectBuilder sidecar =
        Json.createObjectBuilder().add("file", file.getFileName().toString()).add("ok", ok);
    sidecar.add(
        "tasks",
        Json.createObjectBuilder()
            .add("checksum", checksum.id())
            .add("inspect", inspect.id())
            .add("move", task.id()));
    add(sidecar, "checksum", checksum);
    add(sidecar, "inspection", inspect);

    Path target = file.resolveSibling(ok ? "done" : "failed").resolve(file.getFileName());
    Files.createDirectories(target.getParent());
    Path sidecarFile = target.resolveSibling(file.getFileName() + ".json");
    Files.writeString(sidecarFile, sidecar.build().toString(), StandardCharsets.UTF_8);
    Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    return Json.createObjectBuilder().add("movedTo", target.toString()).build().toString();
  }

  private TaskRecord parent(String id) {
    return taskyard.tasks().find(FileTask.QUEUE, id).orElseThrow();
  }

  /** A parent's result, or its error when it did not succeed. */
  private static void add(JsonObjectBuilder sidecar, String name, TaskRecord parent) {
    if (parent.state() == TaskState.SUCCEEDED && parent.result().isPresent()) {
      sidecar.add(name, FileTask.parse(parent.result().get()));
    } else {
      sidecar.add(
          name,
          Json.createObjectBuilder()
              .add("state", parent.state().name())
              .add("error", parent.error().orElse("")));
    }
  }
}
