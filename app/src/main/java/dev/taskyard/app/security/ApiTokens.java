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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Personal API tokens in PostgreSQL ({@code api_token}). A token's secret is shown once, when it is
 * made; only its SHA-256 digest is kept, which is enough for a secret of 238 random bits (a slow
 * hash protects guessable passwords, not random keys) and lets a request find its token in one
 * indexed read.
 */
@ApplicationScoped
@DatabaseCalls
@Timeout(5000)
public class ApiTokens {
  /** What every secret starts with, so scanners and people recognise one. */
  public static final String PREFIX = "ty_";

  private static final int SECRET_LENGTH = 40;
  private static final int HINT_LENGTH = PREFIX.length() + 4;
  private static final String COLUMNS =
      "id, owner, name, role, hint, created_at, expires_at, last_used_at";

  @Inject DataSource dataSource;

  /** A token just made, with the secret its owner sees this once. */
  public record Issued(ApiToken token, String secret) {}

  /** Makes a token; empty when its owner has one of that name. */
  public Optional<Issued> issue(String owner, String name, Role role, Optional<Instant> expiresAt)
      throws SQLException {
    String secret = PREFIX + new String(PasswordHash.generate(SECRET_LENGTH));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into api_token (owner, name, role, digest, hint, created_at, expires_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?) on conflict (owner, name) do nothing"
                    + " returning "
                    + COLUMNS)) {
      insert.setString(1, owner);
      insert.setString(2, name);
      insert.setString(3, role.id());
      insert.setBytes(4, digest(secret));
      insert.setString(5, secret.substring(0, HINT_LENGTH));
      insert.setTimestamp(6, Timestamp.from(Instant.now()));
      insert.setTimestamp(7, expiresAt.map(Timestamp::from).orElse(null));
      try (ResultSet rows = insert.executeQuery()) {
        return rows.next() ? Optional.of(new Issued(token(rows), secret)) : Optional.empty();
      }
    }
  }

  /** The token whose secret is {@code secret}, expired or not. */
  public Optional<ApiToken> find(String secret) throws SQLException {
    List<ApiToken> found =
        query("where digest = ?", statement -> statement.setBytes(1, digest(secret)));
    return found.stream().findFirst();
  }

  /** The tokens of {@code owner}, newest first. */
  public List<ApiToken> ownedBy(String owner) throws SQLException {
    return query(
        "where owner = ? order by created_at desc, id desc",
        statement -> statement.setString(1, owner));
  }

  /** Deletes token {@code id} of {@code owner}; false when it has none of that id. */
  public boolean revoke(String owner, long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("delete from api_token where id = ? and owner = ?")) {
      delete.setLong(1, id);
      delete.setString(2, owner);
      return delete.executeUpdate() == 1;
    }
  }

  /** Notes that token {@code id} was used at {@code at}. */
  public void used(long id, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement("update api_token set last_used_at = ? where id = ?")) {
      update.setTimestamp(1, Timestamp.from(at));
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  private interface Parameters {
    void set(PreparedStatement statement) throws SQLException;
  }

  private List<ApiToken> query(String where, Parameters parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select " + COLUMNS + " from api_token " + where)) {
      parameters.set(select);
      List<ApiToken> tokens = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tokens.add(token(rows));
        }
      }
      return tokens;
    }
  }

  private static ApiToken token(ResultSet row) throws SQLException {
    return new ApiToken(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        Role.parse("role", row.getString(4)),
        row.getString(5),
        row.getTimestamp(6).toInstant(),
        Optional.ofNullable(row.getTimestamp(7)).map(Timestamp::toInstant),
        Optional.ofNullable(row.getTimestamp(8)).map(Timestamp::toInstant));
  }

  private static byte[] digest(String secret) {
    char[] chars = secret.toCharArray();
    try {
      return PasswordHash.sha256(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}
