package dev.taskyard.app.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.embedded.EmbeddedDatabase;
import javax.sql.DataSource;

/** PostgreSQL for tests and benchmarks outside a container: a pool, and the schema on it. */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * A small pool on {@code database}, with batched inserts rewritten as the app's pool has them.
   */
  public static HikariDataSource pool(EmbeddedDatabase database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(EmbeddedDatabase.USER);
    config.setMaximumPoolSize(4);
    config.addDataSourceProperty("reWriteBatchedInserts", true);
    return new HikariDataSource(config);
  }

  /** A {@link DatabaseSchema} on {@code dataSource}, as the container injects it. */
  public static DatabaseSchema schema(DataSource dataSource) {
    DatabaseSchema schema = new DatabaseSchema();
    schema.dataSource = dataSource;
    return schema;
  }
}
