package dev.taskyard.app.queues;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's queue page ({@code console/queues/edit.xhtml?queue=...}): its settings as a form,
 * saved through the API's parsing and checks ({@link QueueConfigurator}), so a bad value is refused
 * naming the field as the API would; only the fields changed on the page are sent. Administrators
 * also delete the queue. Each change is audited as through the API.
 */
@Named
@ViewScoped
public class QueueEditView implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The settings on the form, by the API's field names ({@code thresholds.maxQueued}). */
  static final List<String> FIELDS =
      List.of(
          "defaultPriority",
          "maxAttempts",
          "timeoutMs",
          "backoffBaseMs",
          "backoffCapMs",
          "capacity",
          "maxConcurrency",
          "rateLimit",
          "retentionMs",
          "thresholds.maxQueued",
          "thresholds.maxOldestAgeMs",
          "thresholds.maxFailureRatio",
          "workers.threads",
          "workers.minThreads",
          "workers.maxThreads",
          "deadLetters.maxCount");

  @Inject transient QueueConfigurator configurator;
  @Inject transient QueueStore store;
  @Inject transient ConsoleAudit audit;

  private String queue;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> loaded = new LinkedHashMap<>();
  private boolean force;
  private boolean deleted;

  /** Reads the queue's settings into the form (the page's view action). */
  public void load() {
    ConsoleActions.run(
        () -> {
          QueueSettingsView s = QueueSettingsView.of(store.settings(queue));
          loaded.clear();
          loaded.putAll(flatten(s));
          values.clear();
          values.putAll(loaded);
        },
        null);
  }

  public void save() {
    if (audit.run(
        Role.OPERATOR,
        "queue.settings",
        queue,
        () -> {
          QueueConfigurator.Change change = configurator.configure(queue, body());
          return new ConsoleAudit.Change(change.before(), change.after());
        },
        "Settings saved: every node uses them now.")) {
      load();
    }
  }

  public void delete() {
    boolean all = force;
    if (audit.run(
        Role.ADMIN,
        "queue.delete",
        queue,
        () -> {
          long removed = store.delete(queue, all);
          return new ConsoleAudit.Change(null, Map.of("removedTasks", removed));
        },
        "Queue " + queue + " deleted.")) {
      deleted = true;
    }
  }

  /** The API's body for the fields changed on the page. */
  String body() {
    Map<String, JsonObjectBuilder> groups = new LinkedHashMap<>();
    JsonObjectBuilder body = Json.createObjectBuilder();
    for (String field : FIELDS) {
      String value = values.get(field);
      if (value == null || value.isBlank() || value.equals(loaded.get(field))) {
        continue;
      }
      JsonValue number = number(field, value.strip());
      int dot = field.indexOf('.');
      if (dot < 0) {
        body.add(field, number);
      } else {
        groups
            .computeIfAbsent(field.substring(0, dot), g -> Json.createObjectBuilder())
            .add(field.substring(dot + 1), number);
      }
    }
    groups.forEach(body::add);
    return body.build().toString();
  }

  private static JsonValue number(String field, String value) {
    try {
      return Json.createValue(new BigDecimal(value));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be a number");
    }
  }

  static Map<String, String> flatten(QueueSettingsView s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("defaultPriority", Integer.toString(s.defaultPriority()));
    m.put("maxAttempts", Integer.toString(s.maxAttempts()));
    m.put("timeoutMs", Long.toString(s.timeoutMs()));
    m.put("backoffBaseMs", Long.toString(s.backoffBaseMs()));
    m.put("backoffCapMs", Long.toString(s.backoffCapMs()));
    m.put("capacity", Long.toString(s.capacity()));
    m.put("maxConcurrency", Integer.toString(s.maxConcurrency()));
    m.put("rateLimit", plain(s.rateLimit()));
    m.put("retentionMs", Long.toString(s.retentionMs()));
    m.put("thresholds.maxQueued", Long.toString(s.thresholds().maxQueued()));
    m.put("thresholds.maxOldestAgeMs", Long.toString(s.thresholds().maxOldestAgeMs()));
    m.put("thresholds.maxFailureRatio", plain(s.thresholds().maxFailureRatio()));
    m.put("workers.threads", Integer.toString(s.workers().threads()));
    m.put("workers.minThreads", Integer.toString(s.workers().minThreads()));
    m.put("workers.maxThreads", Integer.toString(s.workers().maxThreads()));
    m.put("deadLetters.maxCount", Long.toString(s.deadLetters().maxCount()));
    return m;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  public List<String> getFields() {
    return FIELDS;
  }

  public Map<String, String> getValues() {
    return values;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public boolean isForce() {
    return force;
  }

  public void setForce(boolean force) {
    this.force = force;
  }

  public boolean isDeleted() {
    return deleted;
  }
}
