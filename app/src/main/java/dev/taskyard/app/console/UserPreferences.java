package dev.taskyard.app.console;

import dev.taskyard.app.platform.DatabaseCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Each person's console preferences in PostgreSQL ({@code user_preference}): their theme. */
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
        return row.next() ? Optional.of(Theme.of(row.getString(1))) : Optional.empty();
      }
    }
  }

  public void setTheme(String user, Theme theme) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                "insert into user_preference (name, theme) values (?, ?)"
                    + " on conflict (name) do update set theme = excluded.theme")) {
      upsert.setString(1, user);
      upsert.setString(2, theme.id());
      upsert.executeUpdate();
    }
  }
}
