package dev.taskyard.app.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The PostgreSQL connection pool of this node, from MicroProfile Config ({@code
 * taskyard.database.*}, or {@code TASKYARD_DATABASE_URL} and friends).
 *
 * <p>The pool is the application's own rather than a container resource so that it starts while
 * PostgreSQL is down (history is not needed for tasks to run) and fails a borrow within {@code
 * taskyard.database.connect-timeout-ms} instead of blocking request threads.
 */
@ApplicationScoped
public class DatabaseProducer {

  @Inject
  @ConfigProperty(name = "taskyard.database.url")
  String url;

  @Inject
  @ConfigProperty(name = "taskyard.database.user", defaultValue = "postgres")
  String user;

  @Inject
  @ConfigProperty(name = "taskyard.database.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "taskyard.database.pool-size", defaultValue = "10")
  int poolSize;

  @Inject
  @ConfigProperty(name = "taskyard.database.connect-timeout-ms", defaultValue = "2000")
  long connectTimeoutMs;

  @Produces
  @ApplicationScoped
  DataSource dataSource() {
    HikariConfig config = new HikariConfig();
    config.setPoolName("taskyard");
    config.setDriverClassName("org.postgresql.Driver");
    config.setJdbcUrl(url);
    config.setUsername(user);
    password.ifPresent(config::setPassword);
    config.setMaximumPoolSize(poolSize);
    config.setConnectionTimeout(connectTimeoutMs);
    config.setValidationTimeout(Math.min(connectTimeoutMs, 1000));
    // Start even when PostgreSQL is away; borrowing fails fast until it is back.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", Math.max(1, connectTimeoutMs / 1000));
    config.addDataSourceProperty("socketTimeout", 30);
    config.addDataSourceProperty("reWriteBatchedInserts", true);
    return new HikariDataSource(config);
  }

  void close(@Disposes DataSource dataSource) {
    ((HikariDataSource) dataSource).close();
  }
}
