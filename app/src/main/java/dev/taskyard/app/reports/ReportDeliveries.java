package dev.taskyard.app.reports;

import dev.taskyard.app.platform.DatabaseCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The daily report's deliveries in PostgreSQL: which node sends a day's report (the one whose claim
 * wins), and how it went.
 */
@ApplicationScoped
@DatabaseCalls
public class ReportDeliveries {
  static final int MAX_ATTEMPTS = 5;

  // Inserting claims a new day; a failed day is claimed again once its last claim is five minutes
  // old, so a node that died while sending does not leave it undelivered.
  private static final String CLAIM =
      """
      insert into report_delivery (day, claimed_at, attempts) values (?, now(), 1)
      on conflict (day) do update set claimed_at = now(), attempts = report_delivery.attempts + 1
        where report_delivery.delivered_at is null and report_delivery.attempts < ?
          and report_delivery.claimed_at < now() - interval '5 minutes'
      returning attempts
      """;

  @Inject DataSource dataSource;

  /**
   * A day's delivery as stored.
   *
   * @param deliveredAt null until it was sent to every channel
   * @param channels the channels it reached, comma-separated
   * @param lastError why the last attempt failed, if it did
   */
  public record Delivery(
      LocalDate day,
      Instant claimedAt,
      int attempts,
      Instant deliveredAt,
      String channels,
      String lastError) {}

  /** True if this node is now the one to send {@code day}'s report. */
  boolean claim(LocalDate day) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(CLAIM)) {
      s.setDate(1, Date.valueOf(day));
      s.setInt(2, MAX_ATTEMPTS);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  void delivered(LocalDate day, String channels) throws SQLException {
    update(
        day,
        "update report_delivery set delivered_at = now(), channels = ?, last_error = null"
            + " where day = ?",
        channels);
  }

  void failed(LocalDate day, String error) throws SQLException {
    update(day, "update report_delivery set last_error = ? where day = ?", error);
  }

  private void update(LocalDate day, String sql, String value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      s.setDate(2, Date.valueOf(day));
      s.executeUpdate();
    }
  }

  public Optional<Delivery> of(LocalDate day) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select claimed_at, attempts, delivered_at, channels, last_error"
                    + " from report_delivery where day = ?")) {
      s.setDate(1, Date.valueOf(day));
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Timestamp delivered = r.getTimestamp(3);
        return Optional.of(
            new Delivery(
                day,
                r.getTimestamp(1).toInstant(),
                r.getInt(2),
                delivered == null ? null : delivered.toInstant(),
                r.getString(4),
                r.getString(5)));
      }
    }
  }
}
