package dev.taskyard.app.schedules;

import dev.taskyard.core.encryption.PayloadCipher;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.schedule.Schedule;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;

/**
 * A schedule as the REST API shows it.
 *
 * @param nextFireAt when it fires next; null while paused
 */
public record ScheduleView(
    String queue,
    String name,
    String cron,
    String zone,
    String missedFires,
    boolean paused,
    Task task,
    Instant createdAt,
    Instant updatedAt,
    Instant lastFireAt,
    Instant nextFireAt,
    long revision) {

  /** The task each fire submits; unset fields take the queue's defaults. */
  public record Task(
      String type,
      JsonValue payload,
      Integer priority,
      Integer maxAttempts,
      Long timeoutMs,
      String correlationId) {}

  static ScheduleView of(Schedule s) {
    TaskRequest t = s.definition().task();
    JsonValue payload;
    if (PayloadCipher.isSealed(t.payload())) {
      // sealed with a key this node lacks: shown as stored, naming its key
      payload = Json.createValue(t.payload());
    } else {
      try (JsonReader reader = Json.createReader(new StringReader(t.payload()))) {
        payload = reader.readValue();
      }
    }
    return new ScheduleView(
        s.queue(),
        s.name(),
        s.definition().cron(),
        s.definition().zone().getId(),
        s.definition().missedFires().name(),
        s.paused(),
        new Task(
            t.type(),
            payload,
            t.priority().orElse(null),
            t.maxAttempts().orElse(null),
            t.timeout().map(Duration::toMillis).orElse(null),
            t.correlationId().orElse(null)),
        s.createdAt(),
        s.updatedAt(),
        s.lastFireAt().orElse(null),
        s.nextFireAt().orElse(null),
        s.revision());
  }
}
