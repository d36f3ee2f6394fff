package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.TestStack;
import dev.taskyard.app.platform.TestDatabases;
import dev.taskyard.embedded.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code V14__task_history_weekly_partitions.sql} on a database at V13 that holds history: every
 * row kept, in the partition of its id's week, found and listed as before.
 */
class HistoryMigrationIT {
  private final String name = "it_v13_" + UUID.randomUUID().toString().replace("-", "");
  private HikariDataSource dataSource;

  @BeforeEach
  void createDatabase() throws Exception {
    try (HikariDataSource server = TestStack.database();
        Connection c = server.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(TestStack.POSTGRES.jdbcUrl().replaceFirst("/postgres$", "/" + name));
    dataSource.setUsername(EmbeddedDatabase.USER);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    dataSource.close();
    try (HikariDataSource server = TestStack.database();
        Connection c = server.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop database " + name);
    }
  }

  @Test
  void theMigrationKeepsEveryRowInThePartitionOfItsIdsWeek() throws Exception {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .target("13")
        .load()
        .migrate();
    UUID march = TaskIdsAt.at(Instant.parse("2025-03-05T10:00:00Z"));
    UUID april = TaskIdsAt.at(Instant.parse("2025-04-01T10:00:00Z"));
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                """
                insert into task_history (id, queue, type, state, priority, attempts,
                  correlation_id, error, worker, created_at, started_at, finished_at, updated_at,
                  stream_ms, stream_seq, timeline, state_pos)
                values (?, 'v13', 'it.type', ?, 2, 1, 'order 1', ?, 'w1',
                  ?::timestamptz, ?::timestamptz + interval '1 s', ?::timestamptz + interval '2 s',
                  ?::timestamptz + interval '2 s', 9, 0,
                  '[{"ms":9,"seq":0,"event":"failed","at":0}]', 166020696663385964544)
                """)) {
      for (Object[] row :
          List.of(
              new Object[] {march, "FAILED", "disk full", "2025-03-05T10:00:00.003Z"},
              new Object[] {april, "SUCCEEDED", null, "2025-04-01T10:00:00.001Z"})) {
        insert.setObject(1, row[0]);
        insert.setString(2, (String) row[1]);
        insert.setString(3, (String) row[2]);
        for (int i = 4; i <= 7; i++) {
          insert.setString(i, (String) row[3]);
        }
        insert.executeUpdate();
      }
    }

    HistoryStore store = new HistoryStore();
    store.dataSource = dataSource;
    store.schema = TestDatabases.schema(dataSource);
    store.schema.ensureMigrated();

    // Migrated through the latest (V15 adds the usage columns, null for rows written before).
    assertThat(store.schema.version()).contains("15");
    assertThat(partitions()).containsEntry(march, "task_history_20250303");
    assertThat(partitions()).containsEntry(april, "task_history_20250331");
    TaskHistory failed = store.find(march).orElseThrow();
    assertThat(failed.state()).isEqualTo("FAILED");
    assertThat(failed.error()).isEqualTo("disk full");
    assertThat(failed.correlationId()).isEqualTo("order 1");
    assertThat(failed.createdAt()).isEqualTo(Instant.parse("2025-03-05T10:00:00Z"));
    assertThat(failed.finishedAt()).isEqualTo(Instant.parse("2025-03-05T10:00:02.003Z"));
    assertThat(failed.cpuTimeMicros()).isNull();
    assertThat(failed.allocatedBytes()).isNull();
    assertThat(store.timeline(march)).extracting(Transition::event).containsExactly("failed");
    assertThat(
            store
                .page(
                    new TaskQuery(
                        Optional.of("v13"),
                        Set.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        TaskSort.CREATED_AT,
                        false,
                        Optional.empty(),
                        50))
                .tasks())
        .extracting(TaskHistory::id)
        .containsExactly(april.toString(), march.toString());
    // The weeks between the rows' and four weeks ahead of now exist.
    assertThat(store.weeks())
        .contains(
            HistoryWeek.of(Instant.now()), HistoryWeek.of(Instant.parse("2025-03-20T00:00:00Z")));
  }

  private java.util.Map<UUID, String> partitions() throws Exception {
    java.util.Map<UUID, String> partitions = new java.util.HashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select id, tableoid::regclass::text from task_history")) {
      while (r.next()) {
        partitions.put(r.getObject(1, UUID.class), r.getString(2));
      }
    }
    return partitions;
  }
}
