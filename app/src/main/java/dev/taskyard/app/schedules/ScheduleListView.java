package dev.taskyard.app.schedules;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.enqueue.JsonText;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.ScheduleDefinition;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The console's schedules page ({@code console/schedules/list.xhtml}): every schedule with its next
 * fire time; operators create, edit, pause, resume and delete them, checked and audited as through
 * the API ({@code schedule.*}).
 */
@Named
@ViewScoped
public class ScheduleListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient ScheduleStore store;
  @Inject transient ConsoleAudit audit;

  private transient List<ScheduleView> schedules;
  private boolean editing;
  private String queue;
  private String name;
  private String cron = "0 * * * *";
  private String zone = "UTC";
  private String type;
  private String payload = "{}";

  public List<ScheduleView> getSchedules() {
    if (schedules == null) {
      schedules = List.of();
      ConsoleActions.run(
          () -> schedules = store.list(Optional.empty()).stream().map(ScheduleView::of).toList(),
          null);
    }
    return schedules;
  }

  /** Reads the list again (the live feed asks when a schedule fired or changed). */
  public void reload() {
    schedules = null;
  }

  /** Fills the form with a schedule to change it. */
  public void edit(ScheduleView schedule) {
    editing = true;
    queue = schedule.queue();
    name = schedule.name();
    cron = schedule.cron();
    zone = schedule.zone();
    type = schedule.task().type();
    payload = String.valueOf(schedule.task().payload());
  }

  /** Empties the form for a new schedule. */
  public void clear() {
    editing = false;
    queue = null;
    name = null;
    cron = "0 * * * *";
    zone = "UTC";
    type = null;
    payload = "{}";
  }

  public void save() {
    String q = queue;
    String n = name;
    boolean update = editing;
    if (audit.run(
        Role.OPERATOR,
        update ? "schedule.update" : "schedule.create",
        q + "/" + n,
        () -> {
          ScheduleDefinition definition = definition();
          ScheduleView before = update ? store.get(q, n).map(ScheduleView::of).orElse(null) : null;
          ScheduleView after =
              ScheduleView.of(
                  update
                      ? store.update(q, n, definition)
                      : store.create(QueueNames.check(q), n, definition));
          return new ConsoleAudit.Change(before, after);
        },
        "Schedule " + n + (update ? " saved." : " created."))) {
      clear();
      schedules = null;
    }
  }

  public void pause(String q, String n) {
    act("schedule.pause", q, n, () -> store.pause(q, n), n + " paused.");
  }

  public void resume(String q, String n) {
    act("schedule.resume", q, n, () -> store.resume(q, n), n + " resumed.");
  }

  public void delete(String q, String n) {
    act(
        "schedule.delete",
        q,
        n,
        () -> {
          store.delete(q, n);
          return null;
        },
        n + " deleted.");
  }

  private interface Step {
    Object run();
  }

  private void act(String action, String q, String n, Step step, String done) {
    if (audit.run(
        Role.OPERATOR,
        action,
        q + "/" + n,
        () -> {
          step.run();
          return ConsoleAudit.Change.NONE;
        },
        done)) {
      schedules = null;
    }
  }

  private ScheduleDefinition definition() {
    if (type == null || type.isBlank()) {
      throw new InvalidInputException("task.type", "is required");
    }
    // The limit the app's engine applies to every payload (TaskyardProducer takes the defaults).
    JsonText.check("task.payload", payload, TaskyardOptions.defaults().maxPayloadBytes());
    ScheduleDefinition d = ScheduleDefinition.of(cron, TaskRequest.of(type, payload));
    return zone == null || zone.isBlank() ? d : d.withZone(zone);
  }

  public boolean isEditing() {
    return editing;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
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
}
