package dev.taskyard.app.reports;

import dev.taskyard.app.console.ConsoleFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A {@link DailySummary} as text: a subject line and a table, for mail and Slack alike. */
final class ReportText {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
  private static final String[] HEADER = {
    "queue", "done", "failed", "dead", "p95 duration", "most queued", "queued now", "alerts"
  };

  private ReportText() {}

  /** {@code Taskyard daily report, 2026-12-06: 12,345 done, 12 failed, 1 dead, 2 alerts}. */
  static String subject(DailySummary summary) {
    return String.format(
        Locale.ROOT,
        "Taskyard daily report, %s: %,d done, %,d failed, %,d dead, %d alert%s",
        summary.day(),
        summary.succeeded(),
        summary.failed(),
        summary.deadLettered(),
        summary.alerts(),
        summary.alerts() == 1 ? "" : "s");
  }

  /** The table of queues, then the alerts of the day, then the console's address if known. */
  static String body(DailySummary summary, Optional<String> consoleUrl) {
    ZoneId zone = ZoneId.of(summary.zone());
    StringBuilder text = new StringBuilder();
    text.append("Queues on ")
        .append(summary.day())
        .append(" (")
        .append(summary.zone())
        .append("), failed counting attempts:\n\n");
    if (summary.queues().isEmpty()) {
      text.append("No queue recorded any metrics on this day.\n");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(HEADER);
      for (DailySummary.QueueDay q : summary.queues()) {
        rows.add(
            new String[] {
              q.queue(),
              number(q.succeeded()),
              number(q.failed()),
              number(q.deadLettered()),
              q.p95DurationMs() == null
                  ? "-"
                  : ConsoleFormat.describe(Duration.ofMillis(q.p95DurationMs().longValue())),
              number(q.mostQueued()),
              q.queuedNow() == null ? "(deleted)" : number(q.queuedNow()),
              Integer.toString(q.alerts().size())
            });
      }
      table(text, rows);
    }
    List<DailySummary.RaisedAlert> raised = new ArrayList<>(summary.nodeAlerts());
    summary.queues().forEach(q -> raised.addAll(q.alerts()));
    raised.sort(Comparator.comparing(DailySummary.RaisedAlert::raisedAt));
    List<String> alerts = raised.stream().map(a -> line(a, zone)).toList();
    text.append('\n');
    if (alerts.isEmpty()) {
      text.append("No alert was raised.\n");
    } else {
      text.append("Alerts raised:\n");
      alerts.forEach(a -> text.append("- ").append(a).append('\n'));
    }
    consoleUrl.ifPresent(url -> text.append("\nConsole: ").append(url).append("/console/\n"));
    return text.toString();
  }

  private static String line(DailySummary.RaisedAlert alert, ZoneId zone) {
    return CLOCK.format(alert.raisedAt().atZone(zone))
        + " "
        + alert.kind()
        + " "
        + alert.subject()
        + ": "
        + alert.message();
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Columns padded to their widest cell: the first left-aligned, numbers right-aligned. */
  private static void table(StringBuilder text, List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
        line.append(String.format(Locale.ROOT, format, row[i]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
