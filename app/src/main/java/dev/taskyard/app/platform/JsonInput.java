package dev.taskyard.app.platform;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.JsonText;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON request body read field by field, so that every refusal names the field at fault with its
 * full path ({@code tasks[3].priority}). Bodies are read here rather than bound by JSON-B, whose
 * errors do not say which field was wrong.
 */
public final class JsonInput {
  /**
   * How deep a body may nest: a payload's own limit ({@link JsonText#MAX_NESTING}) below the
   * deepest place a body holds one ({@code tasks[i].payload}). Bodies are checked against it before
   * being built into objects, which is recursive and so must never meet an unbounded depth.
   */
  static final int MAX_DEPTH = JsonText.MAX_NESTING + 3;

  /**
   * Parsson's own depth limit (1,000 by default) fails with a bare RuntimeException; it is set
   * above ours, so that ours answers first and names the field.
   */
  private static final Map<String, ?> PARSSON =
      Map.of("org.eclipse.parsson.maxDepth", MAX_DEPTH + 2);

  private static final JsonParserFactory PARSERS = Json.createParserFactory(PARSSON);
  private static final JsonReaderFactory READERS = Json.createReaderFactory(PARSSON);

  /** How many names of a path are the API's fields, the rest being inside a JSON value. */
  private static final int FIELD_DEPTH = 3;

  private final JsonObject object;
  private final String path;

  private JsonInput(JsonObject object, String path) {
    this.object = object;
    this.path = path;
  }

  /**
   * Reads a request body that must be one JSON object.
   *
   * @throws InvalidInputException naming {@code body} when it is empty, malformed, not an object or
   *     followed by more text, or the field that nests deeper than {@link #MAX_DEPTH}
   */
  public static JsonInput parse(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidInputException("body", "is required (a JSON object)");
    }
    checkShape(body);
    JsonValue value;
    try (JsonReader reader = READERS.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw new InvalidInputException("body", "is not valid JSON: " + e.getMessage());
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    return new JsonInput(value.asJsonObject(), "");
  }

  /**
   * Walks the body as a stream, without building it: refuses text after the JSON value and nesting
   * deeper than {@link #MAX_DEPTH}, naming the field that holds the too deeply nested value.
   */
  private static void checkShape(String body) {
    Deque<String> path = new ArrayDeque<>();
    Deque<Integer> indexes = new ArrayDeque<>();
    try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        switch (event) {
          case KEY_NAME -> {
            path.removeLast();
            path.addLast("." + parser.getString());
          }
          case START_OBJECT, START_ARRAY -> {
            nextElement(path, indexes);
            if (path.size() >= MAX_DEPTH) {
              throw new InvalidInputException(
                  fieldOf(path), "nests JSON deeper than " + JsonText.MAX_NESTING + " levels");
            }
            path.addLast(event == JsonParser.Event.START_ARRAY ? "[" : "");
            indexes.addLast(-1);
          }
          case END_OBJECT, END_ARRAY -> {
            path.removeLast();
            indexes.removeLast();
          }
          default -> nextElement(path, indexes);
        }
      }
    } catch (JsonParsingException e) {
      throw new InvalidInputException(
          "body",
          "is not valid JSON, or has text after its value, at line "
              + e.getLocation().getLineNumber()
              + ", column "
              + e.getLocation().getColumnNumber());
    } catch (JsonException e) {
      throw new InvalidInputException("body", "is not valid JSON");
    }
  }

  /** Within an array, moves the last name of the path on to the next index. */
  private static void nextElement(Deque<String> path, Deque<Integer> indexes) {
    if (!path.isEmpty() && path.peekLast().startsWith("[")) {
      int index = indexes.removeLast() + 1;
      indexes.addLast(index);
      path.removeLast();
      path.addLast("[" + index + "]");
    }
  }

  /** The field a path lies in, as the API names fields: its first names, ending at a field name. */
  private static String fieldOf(Deque<String> path) {
    StringBuilder field = new StringBuilder();
    int end = 0;
    int i = 0;
    for (String name : path) {
      if (i++ == FIELD_DEPTH) {
        break;
      }
      field.append(name);
      if (name.startsWith(".")) {
        end = field.length();
      }
    }
    return end == 0 ? "body" : field.substring(1, end);
  }

  /** Refuses fields other than {@code known}, so a misspelt field is not silently ignored. */
  public JsonInput only(Set<String> known) {
    for (String name : object.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(field(name), "is not a known field");
      }
    }
    return this;
  }

  public boolean has(String name) {
    return object.containsKey(name) && !object.isNull(name);
  }

  public String string(String name) {
    return optionalString(name)
        .orElseThrow(() -> new InvalidInputException(field(name), "is required"));
  }

  public Optional<String> optionalString(String name) {
    return value(name, JsonValue.ValueType.STRING, "a string")
        .map(v -> ((JsonString) v).getString());
  }

  public Optional<Integer> optionalInt(String name) {
    return optionalLong(name)
        .map(
            n -> {
              if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new InvalidInputException(field(name), "is out of range");
              }
              return n.intValue();
            });
  }

  public Optional<Long> optionalLong(String name) {
    return value(name, JsonValue.ValueType.NUMBER, "an integer")
        .map(
            v -> {
              JsonNumber n = (JsonNumber) v;
              if (!n.isIntegral()) {
                throw new InvalidInputException(field(name), "must be an integer");
              }
              try {
                return n.bigIntegerValueExact().longValueExact();
              } catch (ArithmeticException e) {
                throw new InvalidInputException(field(name), "is out of range");
              }
            });
  }

  public Optional<Double> optionalDouble(String name) {
    return value(name, JsonValue.ValueType.NUMBER, "a number")
        .map(
            v -> {
              JsonNumber n = (JsonNumber) v;
              double d = n.doubleValue();
              // 1e-400 would read as 0 and 1e400 as infinity: a different number than was sent.
              if (Double.isInfinite(d) || (d == 0 && n.bigDecimalValue().signum() != 0)) {
                throw new InvalidInputException(field(name), "is out of range");
              }
              return d;
            });
  }

  public Optional<Boolean> optionalBoolean(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonValue v = object.get(name);
    if (v.getValueType() == JsonValue.ValueType.TRUE) {
      return Optional.of(true);
    }
    if (v.getValueType() == JsonValue.ValueType.FALSE) {
      return Optional.of(false);
    }
    throw new InvalidInputException(field(name), "must be true or false");
  }

  /**
   * Any JSON value, {@code null} included, as JSON text (a task's payload); absent when missing.
   */
  public Optional<String> optionalJsonText(String name) {
    return object.containsKey(name) ? Optional.of(object.get(name).toString()) : Optional.empty();
  }

  public JsonInput object(String name) {
    JsonValue v =
        value(name, JsonValue.ValueType.OBJECT, "a JSON object")
            .orElseThrow(() -> new InvalidInputException(field(name), "is required"));
    return new JsonInput(v.asJsonObject(), field(name) + ".");
  }

  /** The objects of an array field, each reading its fields as {@code name[i].field}. */
  public List<JsonInput> objects(String name) {
    JsonArray array = array(name);
    List<JsonInput> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = field(name) + "[" + i + "]";
      if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException(at, "must be a JSON object");
      }
      out.add(new JsonInput(array.getJsonObject(i), at + "."));
    }
    return out;
  }

  /** The strings of an optional array field; empty when absent. */
  public List<String> strings(String name) {
    if (!has(name)) {
      return List.of();
    }
    JsonArray array = array(name);
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).getValueType() != JsonValue.ValueType.STRING) {
        throw new InvalidInputException(field(name) + "[" + i + "]", "must be a string");
      }
      out.add(array.getString(i));
    }
    return out;
  }

  /** The full path of a field of this object, for messages. */
  public String field(String name) {
    return path + name;
  }

  private JsonArray array(String name) {
    return value(name, JsonValue.ValueType.ARRAY, "an array")
        .orElseThrow(() -> new InvalidInputException(field(name), "is required"))
        .asJsonArray();
  }

  private Optional<JsonValue> value(String name, JsonValue.ValueType type, String expected) {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonValue v = object.get(name);
    if (v.getValueType() != type) {
      throw new InvalidInputException(field(name), "must be " + expected);
    }
    return Optional.of(v);
  }
}
