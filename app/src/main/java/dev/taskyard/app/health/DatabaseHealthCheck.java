package dev.taskyard.app.health;

import dev.taskyard.app.platform.DatabaseSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.flywaydb.core.api.FlywayException;

/**
 * Whether PostgreSQL answers and the schema is migrated. Not a readiness check: tasks are
 * submitted, run and read from Redis without it, and every node shares one PostgreSQL, so an outage
 * taking readiness down would take every node out of service at once. It is reported on {@code
 * <app>/health/history} ({@link HistoryHealthServlet}).
 */
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {
  static final String NAME = "postgresql";
  private static final int TIMEOUT_SECONDS = 2;

  @Inject DataSource dataSource;
  @Inject DatabaseSchema schema;
  @Inject HealthFailures failures;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(TIMEOUT_SECONDS)) {
        return down("PostgreSQL did not answer within " + TIMEOUT_SECONDS + " s");
      }
      schema.ensureMigrated();
      failures.recovered(NAME);
      return HealthCheckResponse.named(NAME)
          .up()
          .withData("schemaVersion", schema.version().orElse(""))
          .build();
    } catch (SQLException | FlywayException e) {
      return down(failures.report(NAME, "PostgreSQL is unavailable", e));
    }
  }

  private static HealthCheckResponse down(String error) {
    return HealthCheckResponse.named(NAME).down().withData("error", error).build();
  }
}
