package dev.taskyard.app.security;

import dev.taskyard.app.platform.DatabaseCalls;
import dev.taskyard.app.platform.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The users administrators manage, in PostgreSQL ({@code app_user}), with PBKDF2 password hashes.
 * Deleting a user deletes its API tokens and preferences in the same transaction.
 */
@ApplicationScoped
@DatabaseCalls
@Timeout(5000)
public class StoredUsers {
  private static final String COLUMNS =
      "name, password_hash, role, enabled, created_at, updated_at";

  /** What deleting a user deletes, the user last. */
  private static final List<String> DELETES =
      List.of(
          "delete from api_token where owner = ?",
          "delete from user_preference where name = ?",
          "delete from app_user where name = ?");

  @Inject DataSource dataSource;

  public Optional<StoredUser> find(String name) throws SQLException {
    List<StoredUser> found = query("where name = ?", name);
    return found.stream().findFirst();
  }

  public List<StoredUser> all() throws SQLException {
    return query("order by name");
  }

  /** Adds {@code user}; false when a user of that name exists. */
  public boolean add(StoredUser user) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into app_user ("
                    + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?) on conflict (name) do nothing")) {
      insert.setString(1, user.name());
      insert.setString(2, user.passwordHash());
      insert.setString(3, user.role().id());
      insert.setBoolean(4, user.enabled());
      insert.setTimestamp(5, Timestamp.from(user.createdAt()));
      insert.setTimestamp(6, Timestamp.from(user.updatedAt()));
      return insert.executeUpdate() == 1;
    }
  }

  /**
   * Writes {@code user}'s role, enabled flag and password hash over the stored ones; false when no
   * such user exists.
   */
  public boolean update(StoredUser user) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "update app_user set password_hash = ?, role = ?, enabled = ?, updated_at = ?"
                    + " where name = ?")) {
      update.setString(1, user.passwordHash());
      update.setString(2, user.role().id());
      update.setBoolean(3, user.enabled());
      update.setTimestamp(4, Timestamp.from(user.updatedAt()));
      update.setString(5, user.name());
      return update.executeUpdate() == 1;
    }
  }

  /** Deletes the user named {@code name} with its tokens and preferences; false when none. */
  public boolean delete(String name) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        int deleted = 0;
        for (String sql : DELETES) {
          try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, name);
            deleted = delete.executeUpdate();
          }
        }
        connection.commit();
        return deleted == 1;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private List<StoredUser> query(String where, String... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select " + COLUMNS + " from app_user " + where)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      List<StoredUser> users = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          users.add(
              new StoredUser(
                  rows.getString(1),
                  rows.getString(2),
                  Role.parse("role", rows.getString(3)),
                  rows.getBoolean(4),
                  instant(rows.getTimestamp(5)),
                  instant(rows.getTimestamp(6))));
        }
      }
      return users;
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp.toInstant();
  }
}
