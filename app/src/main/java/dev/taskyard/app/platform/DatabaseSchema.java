package dev.taskyard.app.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the PostgreSQL schema up to date with the Flyway migrations in {@code db/migration}: at
 * startup, and again on demand by whoever needs the schema, since PostgreSQL may be away when the
 * node starts. Flyway's own lock makes concurrent migrations from several nodes safe.
 */
@ApplicationScoped
public class DatabaseSchema {
  private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

  @Inject DataSource dataSource;

  private volatile String version;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    try {
      ensureMigrated();
    } catch (FlywayException e) {
      LOG.log(Level.WARNING, "PostgreSQL schema not migrated yet; will retry on first use", e);
    }
  }

  /**
   * Migrates if this node has not yet seen the schema up to date.
   *
   * @throws FlywayException when PostgreSQL is unreachable or a migration fails
   */
  public void ensureMigrated() {
    if (version != null) {
      return;
    }
    synchronized (this) {
      if (version == null) {
        Flyway flyway =
            Flyway.configure(DatabaseSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        flyway.migrate();
        version = flyway.info().current().getVersion().getVersion();
        LOG.info("PostgreSQL schema at version " + version);
      }
    }
  }

  /** The schema version this node migrated to, if it has. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }
}
