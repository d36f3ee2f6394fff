package dev.taskyard.app.alerts;

import dev.taskyard.app.platform.DatabaseCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Alerts in PostgreSQL. At most one open alert per queue or node and kind (a partial unique index);
 * {@link #reconcile} is serialised across nodes by a transaction-scoped advisory lock, so each
 * change is made, and announced, by exactly one node.
 */
@ApplicationScoped
@DatabaseCalls
public class AlertStore {
  // An arbitrary constant naming the lock; only this class takes it.
  private static final long RECONCILE_LOCK = 0x7461736b_616c7274L;
  private static final String COLUMNS =
      "id, queue, node, kind, severity, value, threshold, message, raised_at, updated_at,"
          + " resolved_at, acknowledged_by, acknowledged_at";

  @Inject DataSource dataSource;

  /** What one reconciliation changed: alerts newly raised and alerts just resolved. */
  public record Changes(List<Alert> raised, List<Alert> resolved) {
    static final Changes NONE = new Changes(List.of(), List.of());

    boolean isEmpty() {
      return raised.isEmpty() && resolved.isEmpty();
    }
  }

  /**
   * Makes the open alerts of the queues {@code judged} match {@code breached}, their conditions:
   * raises the new ones, refreshes the values of those still breached and resolves the rest; the
   * alerts of other queues stay as they are. Worker nodes' alerts are judged in every round. A
   * condition of a kind {@link AlertKind#resolvedByAcknowledging()} raises nothing when such an
   * alert of its queue was acknowledged after {@code judgedAt}: it was judged against an older
   * acknowledgement, and the next round judges it again. Does nothing if another node holds the
   * lock.
   */
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  public Changes reconcile(
      List<QueueCondition> breached, Predicate<String> judged, Instant judgedAt)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!tryLock(connection)) {
          connection.rollback();
          return Changes.NONE;
        }
        Map<String, Alert> open = new HashMap<>();
        for (Alert alert : query(connection, "where resolved_at is null", List.of())) {
          open.put(key(alert.queue(), alert.node(), alert.kind()), alert);
        }
        Instant now = Instant.now();
        Map<String, Instant> acknowledged = new HashMap<>();
        for (AlertKind kind : AlertKind.values()) {
          if (kind.resolvedByAcknowledging()) {
            lastAcknowledged(connection, kind)
                .forEach((queue, at) -> acknowledged.put(key(queue, null, kind), at));
          }
        }
        List<Alert> raised = new ArrayList<>();
        for (QueueCondition condition : breached) {
          String key = key(condition.queue(), condition.node(), condition.kind());
          Alert existing = open.remove(key);
          if (existing == null) {
            if (!acknowledged.getOrDefault(key, Instant.MIN).isBefore(judgedAt)) {
              continue; // acknowledged while it was judged
            }
            raised.add(insert(connection, condition, now));
          } else {
            refresh(connection, existing.id(), condition, now);
          }
        }
        List<Alert> resolved = new ArrayList<>();
        for (Alert stale : open.values()) {
          if (stale.node() != null || judged.test(stale.queue())) {
            resolved.add(resolve(connection, stale, now));
          }
        }
        connection.commit();
        return new Changes(raised, resolved);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Alerts newest first: only open ones, or all; of one queue if given. */
  @Bulkhead(10)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  public List<Alert> list(boolean openOnly, Optional<String> queue, int limit) throws SQLException {
    StringBuilder where = new StringBuilder("where true");
    List<Object> parameters = new ArrayList<>();
    if (openOnly) {
      where.append(" and resolved_at is null");
    }
    if (queue.isPresent()) {
      where.append(" and queue = ?");
      parameters.add(queue.get());
    }
    where.append(" order by raised_at desc, id desc limit ").append(limit);
    try (Connection connection = dataSource.getConnection()) {
      return query(connection, where.toString(), parameters);
    }
  }

  /** The alerts raised in [{@code from}, {@code to}), oldest first. */
  @Bulkhead(10)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  public List<Alert> raisedBetween(Instant from, Instant to) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return query(
          connection,
          "where raised_at >= ? and raised_at < ? order by raised_at, id",
          List.of(Timestamp.from(from), Timestamp.from(to)));
    }
  }

  /** How many open alerts each queue has (queues without any left out), in one query. */
  @Bulkhead(10)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  public Map<String, Integer> openCounts() throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select queue, count(*) from queue_alert where resolved_at is null group by queue");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getInt(2));
      }
    }
    return counts;
  }

  /**
   * Notes that {@code user} acknowledged alert {@code id}: the first acknowledgement stands, so
   * acknowledging again changes nothing. An open alert of a kind {@link
   * AlertKind#resolvedByAcknowledging()} is resolved with it. Empty when there is no such alert.
   */
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  public Optional<Alert> acknowledge(long id, String user) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "update queue_alert set acknowledged_by = ?, acknowledged_at = ?,"
                  + " resolved_at = case when kind = any(?) then coalesce(resolved_at, ?)"
                  + " else resolved_at end"
                  + " where id = ? and acknowledged_at is null")) {
        Timestamp now = Timestamp.from(Instant.now());
        update.setString(1, user);
        update.setTimestamp(2, now);
        update.setArray(
            3,
            connection.createArrayOf(
                "text",
                Arrays.stream(AlertKind.values())
                    .filter(AlertKind::resolvedByAcknowledging)
                    .map(AlertKind::name)
                    .toArray()));
        update.setTimestamp(4, now);
        update.setLong(5, id);
        update.executeUpdate();
      }
      return query(connection, "where id = ?", List.of(id)).stream().findFirst();
    }
  }

  /** When an alert of {@code kind} was last acknowledged, per queue. */
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  public Map<String, Instant> lastAcknowledged(AlertKind kind) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return lastAcknowledged(connection, kind);
    }
  }

  private static Map<String, Instant> lastAcknowledged(Connection connection, AlertKind kind)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "select queue, max(acknowledged_at) from queue_alert"
                + " where kind = ? and queue is not null and acknowledged_at is not null"
                + " group by queue")) {
      select.setString(1, kind.name());
      try (ResultSet rs = select.executeQuery()) {
        Map<String, Instant> acknowledged = new HashMap<>();
        while (rs.next()) {
          acknowledged.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
        return acknowledged;
      }
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, RECONCILE_LOCK);
      try (ResultSet rs = lock.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static Alert insert(Connection connection, QueueCondition c, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into queue_alert (queue, node, kind, severity, value, threshold, message,"
                + " raised_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
      insert.setString(1, c.queue());
      insert.setString(2, c.node());
      insert.setString(3, c.kind().name());
      insert.setString(4, c.severity().name());
      insert.setDouble(5, c.value());
      insert.setDouble(6, c.threshold());
      insert.setString(7, c.message());
      insert.setTimestamp(8, Timestamp.from(now));
      insert.setTimestamp(9, Timestamp.from(now));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return new Alert(
            rs.getLong(1),
            c.queue(),
            c.node(),
            c.kind(),
            c.severity(),
            c.value(),
            c.threshold(),
            c.message(),
            now,
            now,
            null,
            null,
            null);
      }
    }
  }

  private static void refresh(Connection connection, long id, QueueCondition c, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update queue_alert set severity = ?, value = ?, threshold = ?, message = ?,"
                + " updated_at = ? where id = ?")) {
      update.setString(1, c.severity().name());
      update.setDouble(2, c.value());
      update.setDouble(3, c.threshold());
      update.setString(4, c.message());
      update.setTimestamp(5, Timestamp.from(now));
      update.setLong(6, id);
      update.executeUpdate();
    }
  }

  private static Alert resolve(Connection connection, Alert alert, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "update queue_alert set resolved_at = ?, updated_at = ? where id = ?")) {
      update.setTimestamp(1, Timestamp.from(now));
      update.setTimestamp(2, Timestamp.from(now));
      update.setLong(3, alert.id());
      update.executeUpdate();
    }
    return new Alert(
        alert.id(),
        alert.queue(),
        alert.node(),
        alert.kind(),
        alert.severity(),
        alert.value(),
        alert.threshold(),
        alert.message(),
        alert.raisedAt(),
        now,
        now,
        alert.acknowledgedBy(),
        alert.acknowledgedAt());
  }

  private static List<Alert> query(Connection connection, String tail, List<Object> parameters)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("select " + COLUMNS + " from queue_alert " + tail)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rs = select.executeQuery()) {
        List<Alert> alerts = new ArrayList<>();
        while (rs.next()) {
          AlertKind kind = AlertKind.valueOf(rs.getString("kind"));
          Timestamp resolved = rs.getTimestamp("resolved_at");
          Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
          alerts.add(
              new Alert(
                  rs.getLong("id"),
                  rs.getString("queue"),
                  rs.getString("node"),
                  kind,
                  AlertKind.Severity.valueOf(rs.getString("severity")),
                  rs.getDouble("value"),
                  rs.getDouble("threshold"),
                  rs.getString("message"),
                  rs.getTimestamp("raised_at").toInstant(),
                  rs.getTimestamp("updated_at").toInstant(),
                  resolved == null ? null : resolved.toInstant(),
                  rs.getString("acknowledged_by"),
                  acknowledged == null ? null : acknowledged.toInstant()));
        }
        return alerts;
      }
    }
  }

  private static String key(String queue, String node, AlertKind kind) {
    return queue + '\u0000' + node + '\u0000' + kind;
  }
}
