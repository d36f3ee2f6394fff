package dev.taskyard.app.audit;

import dev.taskyard.app.platform.DatabaseCalls;
import dev.taskyard.app.platform.DatabaseSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.flywaydb.core.api.FlywayException;

/**
 * The audit log in PostgreSQL ({@code audit_log}, see {@code V7__audit_log.sql}): batches from the
 * archiver, single entries while Redis is away, and filtered pages. Every write is idempotent on
 * the entry's id; every statement is parameterised. Limits through MicroProfile Config, e.g. {@code
 * dev.taskyard.app.audit.AuditStore/page/Timeout/value}.
 */
@ApplicationScoped
@DatabaseCalls
public class AuditStore {

  /** A column of the table: how an entry fills it, and how a row reads it back (in this order). */
  private record Column(
      String name, String type, String insert, String select, Function<AuditEntry, Object> value) {
    static Column of(String name, String type, Function<AuditEntry, Object> value) {
      return new Column(name, type, "u." + name, name, value);
    }
  }

  private static final List<Column> COLUMNS =
      List.of(
          Column.of("entry_id", "uuid", e -> e.id().toString()),
          new Column("at", "bigint", "ms_to_ts(u.at)", "at", e -> e.at().toEpochMilli()),
          Column.of("actor", "text", AuditEntry::actor),
          Column.of("role", "text", AuditEntry::role),
          Column.of("action", "text", AuditEntry::action),
          Column.of("target", "text", AuditEntry::target),
          new Column("before", "jsonb", "u.before", "before::text", AuditEntry::before),
          new Column("after", "jsonb", "u.after", "after::text", AuditEntry::after),
          Column.of("address", "text", AuditEntry::address),
          Column.of("status", "int", AuditEntry::status),
          Column.of("result", "text", AuditEntry::result));

  private static final String INSERT =
      "insert into audit_log ("
          + names(Column::name)
          + ") select "
          + names(Column::insert)
          + " from unnest("
          + COLUMNS.stream().map(c -> "?::" + c.type() + "[]").collect(Collectors.joining(", "))
          + ") as u("
          + names(Column::name)
          + ") on conflict (entry_id) do nothing";

  private static final String SELECT = "select id, " + names(Column::select) + " from audit_log";

  @Inject DataSource dataSource;
  @Inject DatabaseSchema schema;

  /**
   * Writes the entries in one transaction; those already there are left as they are.
   *
   * @throws AuditRefusedException if PostgreSQL refused a value of one of them
   * @throws AuditUnavailableException if it did not answer
   */
  @Timeout(10_000)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 5_000,
      skipOn = AuditRefusedException.class)
  public void write(List<AuditEntry> entries) {
    insert(entries);
  }

  /** Writes one entry directly, when Redis cannot take it; as {@link #write}. */
  @Timeout(2_000)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 5_000,
      skipOn = AuditRefusedException.class)
  public void writeOne(AuditEntry entry) {
    insert(List.of(entry));
  }

  /** One page, newest first. */
  @Timeout(5_000)
  @Bulkhead(10)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 5_000)
  public AuditPage page(AuditQuery query) {
    StringBuilder sql = new StringBuilder(SELECT).append(" where true");
    List<Object> params = new ArrayList<>();
    query.actor().ifPresent(v -> filter(sql, params, " and actor = ?", v));
    query.action().ifPresent(v -> filter(sql, params, " and action = ?", v));
    query.target().ifPresent(v -> filter(sql, params, " and target = ?", v));
    query.from().ifPresent(v -> filter(sql, params, " and at >= ms_to_ts(?)", v.toEpochMilli()));
    query.to().ifPresent(v -> filter(sql, params, " and at < ms_to_ts(?)", v.toEpochMilli()));
    query
        .after()
        .ifPresent(
            c -> {
              sql.append(" and (at, id) < (ms_to_ts(?), ?)");
              params.add(c.atMs());
              params.add(c.id());
            });
    sql.append(" order by at desc, id desc limit ?");
    params.add(query.limit() + 1);
    List<AuditRow> rows = new ArrayList<>();
    run(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
              s.setObject(i + 1, params.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.add(row(r));
              }
            }
          }
        });
    if (rows.size() <= query.limit()) {
      return new AuditPage(rows, Optional.empty());
    }
    AuditRow last = rows.get(query.limit() - 1);
    return new AuditPage(
        rows.subList(0, query.limit()),
        Optional.of(new AuditCursor(last.entry().at().toEpochMilli(), last.id())));
  }

  private void insert(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    run(
        c -> {
          try (PreparedStatement s = c.prepareStatement(INSERT)) {
            int i = 1;
            for (Column column : COLUMNS) {
              s.setObject(i++, values(entries, column));
            }
            s.executeUpdate();
          }
        });
  }

  /** A column's values, as an array JDBC sends in binary: boxed numbers, or text. */
  private static Object[] values(List<AuditEntry> entries, Column column) {
    Object[] values =
        switch (column.type()) {
          case "bigint" -> new Long[entries.size()];
          case "int" -> new Integer[entries.size()];
          default -> new String[entries.size()];
        };
    for (int i = 0; i < values.length; i++) {
      values[i] = column.value().apply(entries.get(i));
    }
    return values;
  }

  private static AuditRow row(ResultSet r) throws SQLException {
    return new AuditRow(
        r.getLong(1),
        new AuditEntry(
            UUID.fromString(r.getString(2)),
            r.getObject(3, OffsetDateTime.class).toInstant(),
            r.getString(4),
            r.getString(5),
            r.getString(6),
            r.getString(7),
            r.getString(8),
            r.getString(9),
            r.getString(10),
            r.getInt(11)));
  }

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a connection in autocommit (each is one statement). */
  private void run(Work work) {
    try {
      schema.ensureMigrated();
      try (Connection c = dataSource.getConnection()) {
        work.run(c);
      }
    } catch (SQLException e) {
      // Data exceptions (class 22) and integrity violations (23) depend on what was sent.
      String state = e.getSQLState();
      if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
        throw new AuditRefusedException(e);
      }
      throw new AuditUnavailableException(e);
    } catch (FlywayException e) {
      throw new AuditUnavailableException(e);
    }
  }

  private static void filter(StringBuilder sql, List<Object> params, String clause, Object value) {
    sql.append(clause);
    params.add(value);
  }

  private static String names(Function<Column, String> part) {
    return COLUMNS.stream().map(part).collect(Collectors.joining(", "));
  }
}
