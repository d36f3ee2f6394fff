package dev.taskyard.app.console;

import dev.taskyard.app.platform.DatabaseCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Each person's console preferences in PostgreSQL ({@code user_preference}): their theme and the
 * task list's columns.
 */
@ApplicationScoped
@DatabaseCalls
@Timeout(2000)
public class UserPreferences {

  @Inject DataSource dataSource;

  public Optional<Theme> theme(String user) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select theme from user_preference where name = ?")) {
      select.setString(1, user);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)).map(Theme::of) : Optional.empty();
      }
    }
  }

  public void setTheme(String user, Theme theme) throws SQLException {
    set(user, "theme", theme.id());
  }

  /** The task list's columns the person chose to see, if they chose. */
  public Optional<List<String>> taskColumns(String user) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select task_columns from user_preference where name = ?")) {
      select.setString(1, user);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.ofNullable(row.getString(1))
                .map(c -> c.isEmpty() ? List.<String>of() : List.of(c.split(",")))
            : Optional.empty();
      }
    }
  }

  public void setTaskColumns(String user, List<String> columns) throws SQLException {
    set(user, "task_columns", String.join(",", columns));
  }

  /** Sets one preference; {@code column} is one of this class's constants, never a caller's. */
  private void set(String user, String column, String value) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                "insert into user_preference (name, "
                    + column
                    + ") values (?, ?) on conflict (name) do update set "
                    + column
                    + " = excluded."
                    + column)) {
      upsert.setString(1, user);
      upsert.setString(2, value);
      upsert.executeUpdate();
    }
  }
}
