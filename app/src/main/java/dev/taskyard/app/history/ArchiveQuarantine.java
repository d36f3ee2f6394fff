package dev.taskyard.app.history;

import dev.taskyard.app.platform.DatabaseSchema;
import dev.taskyard.core.ControlCharacters;
import dev.taskyard.core.events.EventEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.flywaydb.core.api.FlywayException;

/** Stream entries the archiver set aside, in PostgreSQL ({@code archive_quarantine}). */
@ApplicationScoped
public class ArchiveQuarantine {
  @Inject DataSource dataSource;
  @Inject DatabaseSchema schema;

  /**
   * Keeps {@code entry} with the error that stopped it; idempotent (two nodes may set the same
   * entry aside).
   *
   * @throws HistoryUnavailableException if PostgreSQL did not take it (the entry stays pending)
   */
  @Timeout(10_000)
  public void add(EventEntry entry, int attempts, String error) {
    try {
      schema.ensureMigrated();
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  """
                  insert into archive_quarantine (queue, stream_id, fields, error, attempts)
                  values (?, ?, ?::json, ?, ?) on conflict do nothing
                  """)) {
        s.setString(1, entry.queue());
        s.setString(2, entry.streamId());
        s.setString(3, toJson(entry.fields()));
        s.setString(4, ControlCharacters.replace(error));
        s.setInt(5, attempts);
        s.executeUpdate();
      }
    } catch (SQLException | FlywayException e) {
      throw new HistoryUnavailableException(e);
    }
  }

  /** Up to {@code limit} entries, newest first, of one queue or all. */
  @Timeout(5_000)
  public List<QuarantinedEntry> list(Optional<String> queue, int limit) {
    try {
      schema.ensureMigrated();
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  """
                  select queue, stream_id, fields::text, error, attempts, quarantined_at
                  from archive_quarantine where (?::text is null or queue = ?)
                  order by quarantined_at desc, queue, stream_id limit ?
                  """)) {
        s.setString(1, queue.orElse(null));
        s.setString(2, queue.orElse(null));
        s.setInt(3, limit);
        List<QuarantinedEntry> entries = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            entries.add(
                new QuarantinedEntry(
                    r.getString(1),
                    r.getString(2),
                    fromJson(r.getString(3)),
                    r.getString(4),
                    r.getInt(5),
                    r.getObject(6, OffsetDateTime.class).toInstant()));
          }
        }
        return entries;
      }
    } catch (SQLException | FlywayException e) {
      throw new HistoryUnavailableException(e);
    }
  }

  // JSON escapes every control character, so json keeps even what text refuses (NUL).
  private static String toJson(Map<String, String> fields) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    if (fields != null) {
      fields.forEach(json::add);
    }
    return json.build().toString();
  }

  private static Map<String, String> fromJson(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      JsonObject json = reader.readObject();
      Map<String, String> fields = new LinkedHashMap<>();
      json.forEach((k, v) -> fields.put(k, ((JsonString) v).getString()));
      return fields;
    }
  }
}
