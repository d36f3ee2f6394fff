package dev.taskyard.app.history;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's events as the {@code timeline} column holds them: a JSON array, oldest first, one object
 * per stream position ({@code ms}, {@code seq}), absent fields for nulls. Kept in the task's row
 * rather than a row per event: the archiver writes one row per task instead of about four.
 */
final class Timeline {
  // Looking the JSON provider up is slow; once per class, not per task.
  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private Timeline() {}

  static String toJson(List<Transition> events) {
    StringWriter out = new StringWriter(events.size() * 96);
    try (JsonGenerator g = GENERATORS.createGenerator(out)) {
      g.writeStartArray();
      for (Transition t : events) {
        g.writeStartObject()
            .write("ms", t.position().ms())
            .write("seq", t.position().seq())
            .write("event", t.event())
            .write("at", t.at().toEpochMilli());
        optional(g, "state", t.state());
        optional(g, "worker", t.worker());
        if (t.attempt() != null) {
          g.write("attempt", t.attempt());
        }
        optional(g, "error", t.error());
        optional(g, "detail", t.detail());
        g.writeEnd();
      }
      g.writeEnd();
    }
    return out.toString();
  }

  static List<Transition> fromJson(String taskId, String json) {
    JsonArray array;
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      array = reader.readArray();
    }
    List<Transition> events = new ArrayList<>(array.size());
    for (JsonValue value : array) {
      JsonObject o = value.asJsonObject();
      events.add(
          new Transition(
              taskId,
              new StreamPosition(
                  o.getJsonNumber("ms").longValue(), o.getJsonNumber("seq").longValue()),
              o.getString("event"),
              o.getString("state", null),
              Instant.ofEpochMilli(o.getJsonNumber("at").longValue()),
              o.getString("worker", null),
              o.containsKey("attempt") ? ((JsonNumber) o.get("attempt")).intValue() : null,
              o.getString("error", null),
              o.getString("detail", null)));
    }
    return events;
  }

  private static void optional(JsonGenerator g, String name, String value) {
    if (value != null) {
      g.write(name, value);
    }
  }
}
