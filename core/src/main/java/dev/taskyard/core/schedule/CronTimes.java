package dev.taskyard.core.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.taskyard.core.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The fire times of a cron expression read in a time zone. Five fields are UNIX cron (minute hour
 * day-of-month month day-of-week); six put seconds first (Spring's syntax, as {@code 0/10 * * * *
 * *}). Fire times fall on whole seconds; daylight-saving gaps and overlaps are cron-utils' rules.
 */
public final class CronTimes {
  public static final int MAX_LENGTH = 200;

  // CronParser is documented thread-safe (cron-utils 9.1.7+): one of each serves every thread.
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  private final ExecutionTime times;
  private final ZoneId zone;

  private CronTimes(ExecutionTime times, ZoneId zone) {
    this.times = times;
    this.zone = zone;
  }

  /**
   * @throws InvalidInputException naming {@code cron}: not 5 or 6 fields, a value out of range, or
   *     a date that never comes (30 February)
   */
  public static CronTimes parse(String cron, ZoneId zone) {
    if (cron == null || cron.isBlank() || cron.length() > MAX_LENGTH) {
      throw new InvalidInputException("cron", "is required, at most " + MAX_LENGTH + " characters");
    }
    int fields = cron.trim().split("\\s+").length;
    if (fields != 5 && fields != 6) {
      throw new InvalidInputException(
          "cron",
          "must have 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds"
              + " first, has "
              + fields);
    }
    CronTimes parsed;
    try {
      parsed =
          new CronTimes(
              ExecutionTime.forCron((fields == 5 ? UNIX : WITH_SECONDS).parse(cron.trim())), zone);
    } catch (RuntimeException e) { // cron-utils refuses with IllegalArgumentException, mostly
      throw new InvalidInputException("cron", "is not a valid cron expression: " + e.getMessage());
    }
    if (parsed.find(Instant.now(), true).isEmpty()) {
      throw new InvalidInputException("cron", "never fires ('" + cron + "')");
    }
    return parsed;
  }

  /** The first fire time strictly after {@code after}. */
  public Instant next(Instant after) {
    return find(after, true).orElseThrow(() -> new IllegalStateException("Cron fires no more"));
  }

  /** The last fire time at or before {@code atOrBefore}, if any. */
  public Optional<Instant> latest(Instant atOrBefore) {
    return find(atOrBefore, false);
  }

  private Optional<Instant> find(Instant from, boolean forward) {
    // cron-utils keeps the fraction of a second; fire times are whole seconds, so work on those.
    ZonedDateTime second = from.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
    Optional<ZonedDateTime> found =
        forward ? times.nextExecution(second) : times.lastExecution(second.plusSeconds(1));
    return found.map(ZonedDateTime::toInstant);
  }
}
