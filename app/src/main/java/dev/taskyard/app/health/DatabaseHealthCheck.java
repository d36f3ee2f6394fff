package dev.taskyard.app.health;

import dev.taskyard.app.platform.DatabaseSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.api.FlywayException;

/**
 * Ready while PostgreSQL answers and the schema is migrated. Tasks still run without it, but
 * listing, search and history would fail, so traffic goes to a node that has it.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {
  static final String NAME = "postgresql";
  private static final int TIMEOUT_SECONDS = 2;

  @Inject DataSource dataSource;
  @Inject DatabaseSchema schema;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(TIMEOUT_SECONDS)) {
        return down("no answer within " + TIMEOUT_SECONDS + " s");
      }
      schema.ensureMigrated();
      return HealthCheckResponse.named(NAME)
          .up()
          .withData("schemaVersion", schema.version().orElse(""))
          .build();
    } catch (SQLException | FlywayException e) {
      return down(String.valueOf(e.getMessage()));
    }
  }

  private static HealthCheckResponse down(String error) {
    return HealthCheckResponse.named(NAME).down().withData("error", error).build();
  }
}
