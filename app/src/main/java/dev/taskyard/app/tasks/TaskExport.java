package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskHistory;
import dev.taskyard.app.platform.CsvLines;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** The tasks a query matches, as CSV or a JSON array, written page by page as they are read. */
final class TaskExport {
  static final List<String> HEADER =
      List.of(
          "id",
          "queue",
          "type",
          "state",
          "priority",
          "attempts",
          "correlationId",
          "error",
          "worker",
          "createdAt",
          "startedAt",
          "finishedAt",
          "waitMs",
          "runMs");

  private TaskExport() {}

  /**
   * Writes every page of {@code query} (a cursor, or null for the first, and a page size, to the
   * parameters of that page).
   */
  static void write(
      TaskFinder finder,
      BiFunction<String, Integer, TaskQueryParameters> query,
      boolean csv,
      OutputStream output)
      throws IOException {
    Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
    Rows rows = new Rows(out, csv ? null : JsonbBuilder.create());
    if (csv) {
      CsvLines.write(out, HEADER);
    } else {
      out.write('[');
    }
    try {
      finder.forEach(query, rows);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (!csv) {
      out.write(']');
    }
    out.flush();
  }

  /** Writes each task as a CSV line, or (with a Jsonb) as an element of the JSON array. */
  private static final class Rows implements Predicate<TaskHistory> {
    private final Writer out;
    private final Jsonb json;
    private boolean first = true;

    Rows(Writer out, Jsonb json) {
      this.out = out;
      this.json = json;
    }

    @Override
    public boolean test(TaskHistory task) {
      try {
        if (json == null) {
          CsvLines.write(out, values(task));
        } else {
          out.write(first ? "" : ",");
          out.write(json.toJson(task));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      first = false;
      return true;
    }
  }

  static List<String> values(TaskHistory t) {
    List<String> values = new ArrayList<>();
    values.add(t.id());
    values.add(t.queue());
    values.add(t.type());
    values.add(t.state());
    values.add(Integer.toString(t.priority()));
    values.add(Integer.toString(t.attempts()));
    values.add(t.correlationId());
    values.add(t.error());
    values.add(t.worker());
    values.add(text(t.createdAt()));
    values.add(text(t.startedAt()));
    values.add(text(t.finishedAt()));
    values.add(text(t.waitMs()));
    values.add(text(t.runMs()));
    return values;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
