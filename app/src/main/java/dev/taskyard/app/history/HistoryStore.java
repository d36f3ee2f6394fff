package dev.taskyard.app.history;

import dev.taskyard.app.platform.DatabaseCalls;
import dev.taskyard.app.platform.DatabaseSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.flywaydb.core.api.FlywayException;

/**
 * The task history in PostgreSQL: the archiver's writes, the API's reads, retention. Every SQL
 * statement is parameterised. Limits are MicroProfile Fault Tolerance defaults, overridable in
 * MicroProfile Config as {@code
 * dev.taskyard.app.history.HistoryStore/<method>/<Annotation>/<field>} (for example {@code
 * .../page/Timeout/value=2000}).
 */
@ApplicationScoped
@DatabaseCalls
public class HistoryStore {
  private static final String COLUMNS =
      "id, queue, type, state, priority, attempts, correlation_id, error, worker, created_at,"
          + " started_at, finished_at, updated_at, cpu_time_us, allocated_bytes";

  // New rows, with everything the batch knows; rows that exist are left to UPDATE_TASKS. The
  // creation time (the partition key) comes from the id, so a replay or a late event of a task
  // meets its row in the same partition.
  private static final String INSERT_TASKS =
      """
      insert into task_history (id, queue, type, state, priority, attempts, correlation_id, error,
        worker, created_at, started_at, finished_at, updated_at, stream_ms, stream_seq, timeline,
        cpu_time_us, allocated_bytes, state_pos, priority_pos, attempts_pos, error_pos,
        worker_pos, usage_pos)
      select u.id, u.queue, u.type, coalesce(u.state, 'UNKNOWN'), coalesce(u.priority, 0),
        coalesce(u.attempts, 0), u.correlation_id, u.error, u.worker, task_created_at(u.id),
        ms_to_ts(u.started_ms), ms_to_ts(u.finished_ms), ms_to_ts(u.updated_ms), u.stream_ms,
        u.stream_seq, u.timeline, u.cpu_time_us, u.allocated_bytes, u.state_pos, u.priority_pos,
        u.attempts_pos, u.error_pos, u.worker_pos, u.usage_pos
      from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[],
        ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
        ?::json[], ?::bigint[], ?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[],
        ?::numeric[], ?::numeric[], ?::numeric[])
        as u(id, queue, type, state, priority, attempts, correlation_id, error, worker,
          started_ms, finished_ms, updated_ms, stream_ms, stream_seq, timeline, cpu_time_us,
          allocated_bytes, state_pos, priority_pos, attempts_pos, error_pos, worker_pos,
          usage_pos)
      on conflict (id, created_at) do nothing
      returning id::text
      """;

  // Nodes share the stream, so batches may commit in any order: each group of fields keeps the
  // value of the newest event that set it (its *_pos, a stream position as one number; null =
  // never set, so any event wins). What a task is born with (type, correlation id) comes from its
  // submitted event whenever that arrives; the timeline takes every event it lacks. In SET, t is
  // the row as it was.
  private static final String UPDATE_TASKS =
      """
      update task_history t set
        type = coalesce(t.type, u.type),
        correlation_id = coalesce(t.correlation_id, u.correlation_id),
        state = case when NEWER(state) then u.state else t.state end,
        finished_at = case when NEWER(state) then ms_to_ts(u.finished_ms) else t.finished_at end,
        state_pos = greatest(t.state_pos, u.state_pos),
        priority = case when NEWER(priority) then u.priority else t.priority end,
        priority_pos = greatest(t.priority_pos, u.priority_pos),
        attempts = case when NEWER(attempts) then u.attempts else t.attempts end,
        attempts_pos = greatest(t.attempts_pos, u.attempts_pos),
        error = case when NEWER(error) then u.error else t.error end,
        error_pos = greatest(t.error_pos, u.error_pos),
        worker = case when NEWER(worker) then u.worker else t.worker end,
        started_at = case when NEWER(worker) then ms_to_ts(u.started_ms) else t.started_at end,
        worker_pos = greatest(t.worker_pos, u.worker_pos),
        cpu_time_us = case when NEWER(usage) then u.cpu_time_us else t.cpu_time_us end,
        allocated_bytes = case when NEWER(usage) then u.allocated_bytes else t.allocated_bytes end,
        usage_pos = greatest(t.usage_pos, u.usage_pos),
        updated_at = case when NEWEST then ms_to_ts(u.updated_ms) else t.updated_at end,
        stream_ms = case when NEWEST then u.stream_ms else t.stream_ms end,
        stream_seq = case when NEWEST then u.stream_seq else t.stream_seq end,
        timeline = merge_timeline(t.timeline, u.timeline)
      from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[],
        ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::json[],
        ?::bigint[], ?::bigint[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[],
        ?::numeric[], ?::numeric[])
        as u(id, type, state, priority, attempts, correlation_id, error, worker, started_ms,
          finished_ms, updated_ms, stream_ms, stream_seq, timeline, cpu_time_us, allocated_bytes,
          state_pos, priority_pos, attempts_pos, error_pos, worker_pos, usage_pos)
      where t.id = u.id and t.created_at = task_created_at(u.id)
        and (NEWEST or (t.type is null and u.type is not null)
             or not t.timeline::jsonb @> u.timeline::jsonb)
      """
          .replaceAll("NEWER\\((\\w+)\\)", "(u.$1_pos > coalesce(t.$1_pos, -1))")
          .replace("NEWEST", "((t.stream_ms, t.stream_seq) < (u.stream_ms, u.stream_seq))");

  // One task's row, in the one partition of its creation week.
  private static final String BY_ID = "id = ? and created_at = task_created_at(?)";

  // One node at a time; the lock ends with the transaction.
  private static final long RETENTION_LOCK = 0x7461736b_79617264L;

  @Inject DataSource dataSource;
  @Inject DatabaseSchema schema;

  /**
   * Writes a batch in one transaction; idempotent.
   *
   * @throws HistoryRefusedException if PostgreSQL refused a value of the batch
   * @throws HistoryUnavailableException if it did not answer
   */
  @Timeout(10_000)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 5_000,
      skipOn = HistoryRefusedException.class)
  public void write(HistoryBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      writeRows(batch);
    } catch (HistoryUnavailableException e) {
      throw refused(e) ? new HistoryRefusedException(e.getCause()) : e;
    }
  }

  private void writeRows(HistoryBatch batch) {
    inTransaction(
        c -> {
          Collection<TaskChange> tasks = batch.changes();
          try (PreparedStatement insert = c.prepareStatement(INSERT_TASKS);
              PreparedStatement update = c.prepareStatement(UPDATE_TASKS)) {
            Map<String, List<Transition>> events = new HashMap<>();
            for (Transition t : batch.transitions()) {
              events.computeIfAbsent(t.taskId(), k -> new ArrayList<>()).add(t);
            }
            String[] timelines =
                tasks.stream().map(t -> Timeline.toJson(events.get(t.id))).toArray(String[]::new);
            int i = 1;
            insert.setObject(i++, texts(tasks, t -> t.id));
            insert.setObject(i++, texts(tasks, t -> t.queue));
            insert.setObject(i++, texts(tasks, t -> t.type));
            insert.setObject(i++, texts(tasks, t -> t.state));
            insert.setObject(i++, ints(tasks, t -> t.priority));
            insert.setObject(i++, ints(tasks, t -> t.attempts));
            insert.setObject(i++, texts(tasks, t -> t.correlationId));
            insert.setObject(i++, texts(tasks, t -> t.error));
            insert.setObject(i++, texts(tasks, t -> t.worker));
            insert.setObject(i++, longs(tasks, t -> ms(t.startedAt)));
            insert.setObject(i++, longs(tasks, t -> ms(t.finishedAt)));
            insert.setObject(i++, longs(tasks, t -> ms(t.updatedAt)));
            insert.setObject(i++, longs(tasks, t -> t.position.ms()));
            insert.setObject(i++, longs(tasks, t -> t.position.seq()));
            insert.setObject(i++, timelines);
            insert.setObject(i++, longs(tasks, t -> t.cpuTimeMicros));
            insert.setObject(i++, longs(tasks, t -> t.allocatedBytes));
            setPositions(insert, i, tasks);
            Set<String> inserted = new HashSet<>();
            try (ResultSet r = insert.executeQuery()) {
              while (r.next()) {
                inserted.add(r.getString(1));
              }
            }
            // Usually none: a batch tends to hold a task's whole life.
            List<TaskChange> existing = new ArrayList<>();
            List<String> existingTimelines = new ArrayList<>();
            int n = 0;
            for (TaskChange t : tasks) {
              if (!inserted.contains(t.id)) {
                existing.add(t);
                existingTimelines.add(timelines[n]);
              }
              n++;
            }
            if (existing.isEmpty()) {
              return null;
            }
            tasks = existing;
            i = 1;
            update.setObject(i++, texts(tasks, t -> t.id));
            update.setObject(i++, texts(tasks, t -> t.type));
            update.setObject(i++, texts(tasks, t -> t.state));
            update.setObject(i++, ints(tasks, t -> t.priority));
            update.setObject(i++, ints(tasks, t -> t.attempts));
            update.setObject(i++, texts(tasks, t -> t.correlationId));
            update.setObject(i++, texts(tasks, t -> t.error));
            update.setObject(i++, texts(tasks, t -> t.worker));
            update.setObject(i++, longs(tasks, t -> ms(t.startedAt)));
            update.setObject(i++, longs(tasks, t -> ms(t.finishedAt)));
            update.setObject(i++, longs(tasks, t -> ms(t.updatedAt)));
            update.setObject(i++, longs(tasks, t -> t.position.ms()));
            update.setObject(i++, longs(tasks, t -> t.position.seq()));
            update.setObject(i++, existingTimelines.toArray(String[]::new));
            update.setObject(i++, longs(tasks, t -> t.cpuTimeMicros));
            update.setObject(i++, longs(tasks, t -> t.allocatedBytes));
            setPositions(update, i, tasks);
            update.executeUpdate();
          }
          return null;
        });
  }

  /** One page of tasks, newest or oldest first by the query's sort. */
  @Timeout(5_000)
  @Bulkhead(20)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 5_000)
  public TaskPage page(TaskQuery query) {
    PageSql page = pageSql(query);
    TaskSort sort = query.sort();
    List<TaskHistory> rows =
        inTransaction(
            c -> {
              try (PreparedStatement s = page.prepare(c, "")) {
                return readTasks(s);
              }
            });
    if (rows.size() <= query.limit()) {
      return new TaskPage(rows, Optional.empty());
    }
    TaskHistory last = rows.get(query.limit() - 1);
    long lastValue = sort.isTime() ? ms(sortTime(sort, last)) : last.priority();
    return new TaskPage(
        rows.subList(0, query.limit()),
        Optional.of(
            new TaskCursor(sort, query.ascending(), lastValue, UUID.fromString(last.id()))));
  }

  /** A list query's statement and parameters. */
  record PageSql(String sql, List<Object> params) {
    PreparedStatement prepare(Connection c, String prefix) throws SQLException {
      PreparedStatement s = c.prepareStatement(prefix + sql);
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof String[] strings) {
          s.setArray(i + 1, c.createArrayOf("text", strings));
        } else {
          s.setObject(i + 1, p);
        }
      }
      return s;
    }
  }

  static PageSql pageSql(TaskQuery query) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from task_history where true");
    List<Object> params = new ArrayList<>();
    query.queue().ifPresent(q -> filter(sql, params, " and queue = ?", q));
    if (!query.states().isEmpty()) {
      sql.append(" and state = any(?::text[])");
      params.add(query.states().toArray(String[]::new));
    }
    query.type().ifPresent(t -> filter(sql, params, " and type = ?", t));
    query.from().ifPresent(f -> filter(sql, params, " and created_at >= ms_to_ts(?)", ms(f)));
    query.to().ifPresent(t -> filter(sql, params, " and created_at < ms_to_ts(?)", ms(t)));
    query
        .text()
        .ifPresent(
            text -> {
              // Each arm has its index (see V1__task_history.sql), so the bitmaps OR cheaply.
              String literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
              Optional<UUID> id = uuid(text);
              if (id.isPresent()) {
                // A task id: the error trigram index, the costly arm in every week, is left out.
                sql.append(" and (id = ? or lower(correlation_id) like ?)");
                params.add(id.get());
              } else {
                sql.append(" and (error ilike ? or lower(correlation_id) like ?)");
                params.add("%" + literal + "%");
              }
              params.add(literal.toLowerCase(Locale.ROOT) + "%");
            });
    query
        .errorPattern()
        .ifPresent(
            pattern -> {
              sql.append(" and error is not null and ")
                  .append(ErrorPattern.sql("error"))
                  .append(" = ?");
              params.addAll(ErrorPattern.sqlParameters());
              params.add(pattern);
            });
    TaskSort sort = query.sort();
    String value = sort.isTime() ? "ms_to_ts(?)" : "?";
    String direction = query.ascending() ? "asc" : "desc";
    query
        .after()
        .ifPresent(
            cursor -> {
              sql.append(" and (")
                  .append(sort.column)
                  .append(", id) ")
                  .append(query.ascending() ? ">" : "<")
                  .append(" (")
                  .append(value)
                  .append(", ?)");
              params.add(sort.isTime() ? cursor.value() : (int) cursor.value());
              params.add(cursor.id());
            });
    sql.append(" order by ")
        .append(sort.column)
        .append(' ')
        .append(direction)
        .append(", id ")
        .append(direction)
        .append(" limit ?");
    params.add(query.limit() + 1);
    return new PageSql(sql.toString(), params);
  }

  // Run time as the list shows it (last start to end), of tasks that ran to an outcome.
  private static final String TYPE_STATS =
      """
      select type, count(*), count(*) filter (where state = 'SUCCEEDED'),
        count(*) filter (where state in ('FAILED', 'EXPIRED')), avg(ms),
        percentile_cont(0.95) within group (order by ms)
      from (select type, state,
              case when state in ('SUCCEEDED', 'FAILED')
                then (extract(epoch from finished_at - started_at) * 1000)::float8 end as ms
            from task_history
            where created_at >= ms_to_ts(?) and created_at < ms_to_ts(?) QUEUE) t
      group by type
      order by count(*) desc, type
      """;

  // The partial index on unsucceeded tasks finds the failed ones of the range.
  private static final String ERROR_GROUPS =
      """
      select pattern, (array_agg(error order by finished_at desc nulls last))[1], count(*),
        array_agg(distinct type) filter (where type is not null), max(finished_at)
      from (select type, error, finished_at, PATTERN as pattern
            from task_history
            where state = 'FAILED' and error is not null
              and created_at >= ms_to_ts(?) and created_at < ms_to_ts(?) QUEUE) f
      group by pattern
      order by count(*) desc, max(finished_at) desc, pattern
      limit ?
      """
          .replace("PATTERN", ErrorPattern.sql("error"));

  /**
   * The tasks created in [{@code from}, {@code to}) (of {@code queue} if present) by type, and the
   * {@code errorLimit} error shapes they failed with most often.
   */
  @Timeout(10_000)
  @Bulkhead(10)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 5_000)
  public TaskInsights insights(Instant from, Instant to, Optional<String> queue, int errorLimit) {
    String narrow = queue.isPresent() ? "and queue = ?" : "";
    return inTransaction(
        c -> {
          List<TaskInsights.TypeStats> types = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(TYPE_STATS.replace("QUEUE", narrow))) {
            range(s, 1, from, to, queue);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                long tasks = r.getLong(2);
                long succeeded = r.getLong(3);
                long failed = r.getLong(4);
                types.add(
                    new TaskInsights.TypeStats(
                        r.getString(1),
                        tasks,
                        succeeded,
                        failed,
                        succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed),
                        r.getObject(5, Double.class),
                        r.getObject(6, Double.class)));
              }
            }
          }
          List<TaskInsights.ErrorGroup> errors = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(ERROR_GROUPS.replace("QUEUE", narrow))) {
            int i = 1;
            for (String p : ErrorPattern.sqlParameters()) {
              s.setString(i++, p);
            }
            i = range(s, i, from, to, queue);
            s.setInt(i, errorLimit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                Array typeNames = r.getArray(4);
                errors.add(
                    new TaskInsights.ErrorGroup(
                        r.getString(1),
                        r.getString(2),
                        r.getLong(3),
                        typeNames == null ? List.of() : List.of((String[]) typeNames.getArray()),
                        instant(r, 5)));
              }
            }
          }
          return new TaskInsights(from, to, queue.orElse(null), types, errors);
        });
  }

  /** Sets the range (and queue) parameters from {@code first}; the next parameter's index. */
  private static int range(
      PreparedStatement s, int first, Instant from, Instant to, Optional<String> queue)
      throws SQLException {
    int i = first;
    s.setLong(i++, ms(from));
    s.setLong(i++, ms(to));
    if (queue.isPresent()) {
      s.setString(i++, queue.get());
    }
    return i;
  }

  /** The task's row, if it was archived. */
  @Timeout(5_000)
  @Bulkhead(20)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 5_000)
  public Optional<TaskHistory> find(UUID id) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select " + COLUMNS + " from task_history where " + BY_ID)) {
            s.setObject(1, id);
            s.setObject(2, id);
            return readTasks(s).stream().findFirst();
          }
        });
  }

  /** The task's events, oldest first. */
  @Timeout(5_000)
  @Bulkhead(20)
  @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 5_000)
  public List<Transition> timeline(UUID id) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select timeline::text from task_history where " + BY_ID)) {
            s.setObject(1, id);
            s.setObject(2, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? Timeline.fromJson(id.toString(), r.getString(1)) : List.of();
            }
          }
        });
  }

  /**
   * Creates the partitions of the weeks from {@code first}'s through {@code last}'s that do not
   * exist yet (moving their tasks out of the default partition, if it holds any), if no other node
   * is keeping the history right now.
   *
   * @return the weeks created, or empty if another node holds the retention lock
   */
  @Timeout(60_000)
  public Optional<List<HistoryWeek>> addWeeks(Instant first, Instant last) {
    return inTransaction(
        c -> {
          if (!retentionLock(c)) {
            return Optional.empty();
          }
          List<HistoryWeek> created = new ArrayList<>();
          try (PreparedStatement add = c.prepareStatement("select task_history_add_week(?)")) {
            for (HistoryWeek w = HistoryWeek.of(first); !w.start().isAfter(last); w = w.next()) {
              add.setObject(1, OffsetDateTime.ofInstant(w.start(), ZoneOffset.UTC));
              try (ResultSet r = add.executeQuery()) {
                r.next();
                if (r.getBoolean(1)) {
                  created.add(w);
                }
              }
            }
          }
          return Optional.of(created);
        });
  }

  /** The weeks that have a partition, oldest first. */
  @Timeout(5_000)
  public List<HistoryWeek> weeks() {
    return inTransaction(HistoryStore::weeks);
  }

  private static List<HistoryWeek> weeks(Connection c) throws SQLException {
    List<HistoryWeek> weeks = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                    + " where i.inhparent = 'task_history'::regclass");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        HistoryWeek.ofPartition(r.getString(1)).ifPresent(weeks::add);
      }
    }
    weeks.sort(Comparator.comparing(HistoryWeek::monday));
    return weeks;
  }

  /**
   * Drops the partitions of the weeks that ended by {@code cutoff} whose every task ended before
   * it, with their timelines, if no other node is keeping the history right now. A week that holds
   * a task still going (or ended since) stays; {@link #deleteEndedBefore} thins it.
   *
   * @return the weeks dropped, or empty if another node holds the retention lock
   */
  @Timeout(60_000)
  public Optional<List<HistoryWeek>> dropWeeksEndedBefore(Instant cutoff) {
    return inTransaction(
        c -> {
          if (!retentionLock(c)) {
            return Optional.empty();
          }
          List<HistoryWeek> dropped = new ArrayList<>();
          for (HistoryWeek week : weeks(c)) {
            if (week.end().isAfter(cutoff)) {
              break;
            }
            // The BRIN index on finished_at finds a task not ended, or ended late, without
            // reading the week's rows.
            try (PreparedStatement going =
                c.prepareStatement(
                    "select exists (select 1 from "
                        + week.partition()
                        + " where finished_at is null or finished_at >= ms_to_ts(?))")) {
              going.setLong(1, ms(cutoff));
              try (ResultSet r = going.executeQuery()) {
                r.next();
                if (r.getBoolean(1)) {
                  continue;
                }
              }
            }
            try (Statement drop = c.createStatement()) {
              drop.execute("drop table " + week.partition());
            }
            dropped.add(week);
          }
          return Optional.of(dropped);
        });
  }

  /**
   * Deletes up to {@code limit} tasks that ended before {@code cutoff} and were created in a week
   * that ended by then (one whose partition {@link #dropWeeksEndedBefore} kept for a task still
   * going, or the default partition), with their timelines, if no other node is keeping the history
   * right now. Weeks that end after the cutoff wait to be dropped whole.
   *
   * @return the number deleted, or empty if another node holds the retention lock
   */
  @Timeout(60_000)
  public Optional<Integer> deleteEndedBefore(Instant cutoff, int limit) {
    return inTransaction(
        c -> {
          if (!retentionLock(c)) {
            return Optional.empty();
          }
          try (PreparedStatement delete =
              c.prepareStatement(
                  """
                  delete from task_history where (id, created_at) in (
                    select id, created_at from task_history
                    where finished_at < ms_to_ts(?) and created_at < ms_to_ts(?) limit ?)
                  """)) {
            delete.setLong(1, ms(cutoff));
            delete.setLong(2, ms(HistoryWeek.of(cutoff).start()));
            delete.setInt(3, limit);
            return Optional.of(delete.executeUpdate());
          }
        });
  }

  /**
   * Takes the lock that lets one node at a time change the history's partitions and delete its
   * rows, without waiting, until the transaction ends; a lock on the table waits at most 10 s, so
   * retention never holds queries up behind a long one. False if another node holds it.
   */
  private static boolean retentionLock(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("set local lock_timeout = '10s'");
    }
    try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, RETENTION_LOCK);
      try (ResultSet r = lock.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(SqlWork<T> work) {
    try {
      schema.ensureMigrated();
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    } catch (SQLException | FlywayException e) {
      throw new HistoryUnavailableException(e);
    }
  }

  /**
   * Data exceptions (SQLSTATE class 22: a NUL in text, a malformed uuid, a number out of range) and
   * integrity violations (23) depend on what was sent, not on the database's health.
   */
  private static boolean refused(HistoryUnavailableException e) {
    String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  private static void filter(StringBuilder sql, List<Object> params, String clause, Object value) {
    sql.append(clause);
    params.add(value);
  }

  // Boxed arrays go to PostgreSQL in binary (setObject); parsing array text cost the server about
  // a third of each insert.
  private static <T> String[] texts(Collection<T> items, Function<T, String> field) {
    return items.stream().map(field).toArray(String[]::new);
  }

  private static void setPositions(PreparedStatement s, int first, Collection<TaskChange> tasks)
      throws SQLException {
    int i = first;
    s.setObject(i++, positions(tasks, t -> t.statePosition));
    s.setObject(i++, positions(tasks, t -> t.priorityPosition));
    s.setObject(i++, positions(tasks, t -> t.attemptsPosition));
    s.setObject(i++, positions(tasks, t -> t.errorPosition));
    s.setObject(i++, positions(tasks, t -> t.workerPosition));
    s.setObject(i, positions(tasks, t -> t.usagePosition));
  }

  private static String[] positions(
      Collection<TaskChange> tasks, Function<TaskChange, StreamPosition> field) {
    return texts(tasks, t -> field.apply(t) == null ? null : field.apply(t).asNumber());
  }

  private static <T> Integer[] ints(Collection<T> items, Function<T, Integer> field) {
    return items.stream().map(field).toArray(Integer[]::new);
  }

  private static <T> Long[] longs(Collection<T> items, Function<T, Long> field) {
    return items.stream().map(field).toArray(Long[]::new);
  }

  private static List<TaskHistory> readTasks(PreparedStatement s) throws SQLException {
    List<TaskHistory> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        Instant created = instant(r, 10);
        Instant started = instant(r, 11);
        Instant finished = instant(r, 12);
        rows.add(
            new TaskHistory(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getInt(5),
                r.getInt(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                created,
                started,
                finished,
                instant(r, 13),
                between(created, started),
                between(started, finished),
                r.getObject(14, Long.class),
                r.getObject(15, Long.class)));
      }
    }
    return rows;
  }

  private static Instant sortTime(TaskSort sort, TaskHistory task) {
    return sort == TaskSort.CREATED_AT ? task.createdAt() : task.updatedAt();
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime time = r.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  /**
   * Wait (created to last start) or run (last start to end) in milliseconds. The creation time is
   * the producer's clock (in the id), the others are Redis's: a few ms of skew is no negative wait.
   */
  private static Long between(Instant from, Instant to) {
    return from == null || to == null ? null : Math.max(0, to.toEpochMilli() - from.toEpochMilli());
  }

  private static Long ms(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
