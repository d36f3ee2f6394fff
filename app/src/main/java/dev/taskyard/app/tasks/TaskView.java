package dev.taskyard.app.tasks;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParsingException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Collections;
import java.util.Map;

/**
 * The console's task page ({@code console/tasks/detail.xhtml?id=...}): the task in full as the API
 * shows it, payload and result as indented JSON (escaped by the page), its timeline and dependency
 * graph (ancestors and descendants a few levels each way, drawn); operators retry, cancel, run it
 * now, change its priority or delete it, each checked and audited as through the API ({@code
 * task.*}).
 */
@Named
@ViewScoped
public class TaskView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How far the graph reaches each way, and how many tasks it shows at most. */
  static final int GRAPH_LEVELS = 3;

  static final int GRAPH_NODES = 50;

  private static final JsonWriterFactory PRETTY =
      Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  @Inject transient TaskFinder finder;
  @Inject transient TaskStore store;
  @Inject transient ConsoleAudit audit;

  private String id;
  private Integer priority;
  private transient TaskDetailView task;
  private boolean loaded;
  private transient DependencyGraphView graph;
  private boolean graphLoaded;

  public TaskDetailView getTask() {
    if (!loaded) {
      loaded = true;
      ConsoleActions.run(() -> task = finder.detail(id), null);
    }
    return task;
  }

  /** The drawn dependency graph; null for a task without dependencies or no longer in Redis. */
  public DependencyGraphView getGraph() {
    if (!graphLoaded) {
      graphLoaded = true;
      TaskDetailView t = getTask();
      if (t != null && t.live() && (!t.parents().isEmpty() || !t.children().isEmpty())) {
        ConsoleActions.run(
            () ->
                graph =
                    store
                        .around(t.queue(), t.id(), GRAPH_LEVELS, GRAPH_NODES)
                        .map(DependencyGraphView::of)
                        .orElse(null),
            null);
      }
    }
    return graph;
  }

  public void retry() {
    act("task.retry", "Task retried: it runs again.", () -> store.retry(queue(), id));
  }

  public void cancel() {
    act("task.cancel", "Cancel sent.", () -> store.cancel(queue(), id));
  }

  public void promote() {
    act("task.promote", "Task moved to run now.", () -> store.promote(queue(), id));
  }

  public void delete() {
    act("task.delete", "Task deleted.", () -> store.delete(queue(), id));
  }

  public void changePriority() {
    Integer before = getTask() == null ? null : getTask().priority();
    Integer after = priority;
    if (audit.run(
        Role.OPERATOR,
        "task.priority",
        id,
        () -> {
          if (after == null) {
            throw new InvalidInputException("priority", "is required");
          }
          store.reprioritize(queue(), id, after);
          return new ConsoleAudit.Change(
              Collections.singletonMap("priority", before), Map.of("priority", after));
        },
        "Priority set to " + after + ".")) {
      reload();
    }
  }

  private void act(String action, String done, Runnable step) {
    if (audit.run(
        Role.OPERATOR,
        action,
        id,
        () -> {
          step.run();
          return ConsoleAudit.Change.NONE;
        },
        done)) {
      reload();
    }
  }

  private void reload() {
    loaded = false;
    task = null;
    graphLoaded = false;
    graph = null;
  }

  private String queue() {
    TaskDetailView t = getTask();
    if (t == null) {
      throw new InvalidInputException("id", "names no task");
    }
    return t.queue();
  }

  /** JSON text indented for reading; text that is not JSON is shown as it is. */
  public String pretty(String json) {
    if (json == null || json.isBlank()) {
      return "";
    }
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonValue value = reader.readValue();
      StringWriter out = new StringWriter();
      try (JsonWriter writer = PRETTY.createWriter(out)) {
        writer.write(value);
      }
      return out.toString().strip();
    } catch (JsonParsingException | IllegalStateException e) {
      return json;
    }
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }
}
