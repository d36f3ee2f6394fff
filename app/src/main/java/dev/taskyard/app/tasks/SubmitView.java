package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.console.ConsoleFormat;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.Submission;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The console's submit page ({@code console/tasks/submit.xhtml}): one task, for trying things and
 * for one-off work. The form becomes the API's request body and goes through the same parsing and
 * submitter, so it is refused exactly where the API would refuse it, naming the field.
 */
@Named
@RequestScoped
public class SubmitView {

  @Inject TaskSubmitter submitter;
  @Inject ConsoleAudit audit;
  @Inject ConsoleFormat format;

  private String queue;
  private String type;
  private String payload = "{}";
  private Integer priority;
  private Long delayMs;
  private LocalDateTime runAt;
  private String dependsOn;
  private String submittedId;

  public void submit() {
    String[] id = {null};
    audit.run(
        Role.OPERATOR,
        "task.submit",
        queue,
        () -> {
          SubmitTaskCommand command = SubmitTaskCommand.parse(body());
          List<Submission> submitted = submitter.submit(command);
          id[0] = submitted.get(0).id();
          return new ConsoleAudit.Change(
              null, Map.of("ids", submitted.stream().map(Submission::id).toList()));
        },
        "Task submitted.");
    submittedId = id[0];
  }

  /** The API's request body for the form. */
  String body() {
    JsonObjectBuilder body = Json.createObjectBuilder();
    if (queue != null) {
      body.add("queue", queue);
    }
    if (type != null) {
      body.add("type", type);
    }
    body.add("payload", json(payload));
    if (priority != null) {
      body.add("priority", priority);
    }
    if (delayMs != null) {
      body.add("delayMs", delayMs);
    }
    if (runAt != null) {
      body.add("runAt", runAt.atZone(format.zone()).toInstant().toString());
    }
    if (dependsOn != null && !dependsOn.isBlank()) {
      JsonArrayBuilder ids = Json.createArrayBuilder();
      Arrays.stream(dependsOn.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(ids::add);
      body.add("dependsOn", ids);
    }
    return body.build().toString();
  }

  private static JsonValue json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text == null ? "" : text))) {
      return reader.readValue();
    } catch (JsonParsingException e) {
      throw new InvalidInputException("payload", "is not JSON: " + e.getMessage());
    }
  }

  /** The id of the task just submitted, to link to it. */
  public String getSubmittedId() {
    return submittedId;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getPayload() {
    return payload;
  }

  public void setPayload(String payload) {
    this.payload = payload;
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }

  public Long getDelayMs() {
    return delayMs;
  }

  public void setDelayMs(Long delayMs) {
    this.delayMs = delayMs;
  }

  /** When to run it, in the reader's time zone, as the form shows it. */
  public LocalDateTime getRunAt() {
    return runAt;
  }

  public void setRunAt(LocalDateTime runAt) {
    this.runAt = runAt;
  }

  public String getDependsOn() {
    return dependsOn;
  }

  public void setDependsOn(String dependsOn) {
    this.dependsOn = dependsOn;
  }
}
