package dev.taskyard.app.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.file.Path;

/** The payload of the file pipeline's tasks: the file they work on. */
record FileTask(Path file) {
  static final String QUEUE = "files";

  String toJson() {
    return Json.createObjectBuilder().add("path", file.toString()).build().toString();
  }

  static FileTask fromJson(String payload) {
    try (JsonReader reader = Json.createReader(new StringReader(payload))) {
      return new FileTask(Path.of(reader.readObject().getString("path")));
    }
  }

  static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** The file, if it is one in {@code inbox}; otherwise a permanent failure. */
  Path in(Inbox inbox) {
    return inbox.confine(file);
  }
}
