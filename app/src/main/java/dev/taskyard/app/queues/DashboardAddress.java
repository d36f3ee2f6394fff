package dev.taskyard.app.queues;

import dev.taskyard.app.platform.BadParameterException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The dashboard's address parameters: {@code range} (as {@link DashboardRange}) and {@code queue}.
 */
final class DashboardAddress {
  /** What a wrong {@code range} is told. */
  static final String RANGES =
      "must be one of "
          + Arrays.stream(DashboardRange.values())
              .map(DashboardRange::parameter)
              .collect(Collectors.joining(", "));

  private DashboardAddress() {}

  /** The range {@code parameter} names; the default for none; refused naming the field if wrong. */
  static DashboardRange range(String parameter) {
    if (parameter == null || parameter.isBlank()) {
      return DashboardRange.DEFAULT;
    }
    return DashboardRange.of(parameter.trim())
        .orElseThrow(() -> new BadParameterException("range", RANGES));
  }

  /** The query string naming {@code range} and, unless empty, {@code queue}. */
  static String query(DashboardRange range, String queue) {
    return "range="
        + range.parameter()
        + (queue.isEmpty() ? "" : "&queue=" + URLEncoder.encode(queue, StandardCharsets.UTF_8));
  }
}
