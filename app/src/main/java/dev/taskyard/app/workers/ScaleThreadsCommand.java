package dev.taskyard.app.workers;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.WorkerScaling;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/**
 * Body of {@code PUT /api/queue/workers/{queue}/threads}: {@code {"threads": n}}, the threads every
 * node runs for the queue; 0 returns each node to its configured count.
 */
public record ScaleThreadsCommand(int threads) {
  static final String THREADS = "threads";

  public ScaleThreadsCommand {
    WorkerScaling.checkThreads(THREADS, threads, 0);
  }

  /**
   * Reads the body itself, so that malformed JSON, a missing field and a wrong type are all refused
   * naming the field.
   *
   * @throws InvalidInputException naming {@code body} or {@code threads}
   */
  static ScaleThreadsCommand parse(String body) {
    JsonValue value;
    try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      value = reader.readValue();
    } catch (JsonParsingException | IllegalStateException e) {
      throw new InvalidInputException("body", "must be a JSON object like {\"threads\": 4}");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidInputException("body", "must be a JSON object like {\"threads\": 4}");
    }
    JsonValue threads = ((JsonObject) value).get(THREADS);
    if (threads == null || threads.getValueType() != JsonValue.ValueType.NUMBER) {
      throw new InvalidInputException(THREADS, "is required and must be a whole number");
    }
    JsonNumber number = (JsonNumber) threads;
    if (!number.isIntegral()) {
      throw new InvalidInputException(THREADS, "must be a whole number, was " + number);
    }
    try {
      return new ScaleThreadsCommand(number.intValueExact());
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          THREADS, "must be 0-" + WorkerScaling.MAX_THREADS + ", was " + number);
    }
  }
}
