package dev.taskyard.app.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A query parameter that is a point in time: an ISO-8601 instant, else 400 naming it. */
public final class InstantParameter {
  private InstantParameter() {}

  public static Instant parse(String parameter, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameterException(
          parameter, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }
}
