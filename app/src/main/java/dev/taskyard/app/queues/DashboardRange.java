package dev.taskyard.app.queues;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The time ranges the dashboard's charts, type breakdown and top errors cover, named as the {@code
 * range} parameter of {@code console/index.xhtml} spells them ({@code ?range=24h}).
 */
public enum DashboardRange {
  MINUTES_15("15m", "15 minutes", Duration.ofMinutes(15)),
  HOUR_1("1h", "1 hour", Duration.ofHours(1)),
  HOURS_6("6h", "6 hours", Duration.ofHours(6)),
  HOURS_24("24h", "24 hours", Duration.ofHours(24)),
  DAYS_7("7d", "7 days", Duration.ofDays(7)),
  DAYS_30("30d", "30 days", Duration.ofDays(30));

  /** The range shown when the address names none (or one that does not exist). */
  public static final DashboardRange DEFAULT = HOUR_1;

  private final String parameter;
  private final String label;
  private final Duration length;

  DashboardRange(String parameter, String label, Duration length) {
    this.parameter = parameter;
    this.label = label;
    this.length = length;
  }

  /** The range the parameter names, if it names one. */
  public static Optional<DashboardRange> of(String parameter) {
    return Arrays.stream(values()).filter(r -> r.parameter.equals(parameter)).findFirst();
  }

  /** As the {@code range} parameter spells it: {@code 15m}, {@code 1h} ... {@code 30d}. */
  public String parameter() {
    return parameter;
  }

  /** For people: "15 minutes" ... "30 days". */
  public String label() {
    return label;
  }

  public Duration length() {
    return length;
  }
}
