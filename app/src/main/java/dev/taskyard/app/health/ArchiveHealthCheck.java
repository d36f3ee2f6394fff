package dev.taskyard.app.health;

import dev.taskyard.app.history.ArchiveLag;
import dev.taskyard.app.history.ArchiveStreams;
import dev.taskyard.core.Taskyard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.redisson.client.RedisException;

/**
 * Whether the history keeps up: DOWN when a queue's oldest unarchived event is older than {@code
 * taskyard.archive.max-lag-seconds}, so lists and searches show stale data. Not a readiness check
 * (the core API does not need the history, and every node shares the lag): it is reported on {@code
 * <app>/health/history} ({@link HistoryHealthServlet}).
 */
@ApplicationScoped
public class ArchiveHealthCheck implements HealthCheck {
  static final String NAME = "archive";

  @Inject Taskyard taskyard;
  @Inject ArchiveStreams streams;
  @Inject HealthFailures failures;

  @Override
  public HealthCheckResponse call() {
    try {
      Map<String, ArchiveLag> lags = streams.lag(taskyard.queues().queues());
      long pending = sum(lags, ArchiveLag::pending);
      Map.Entry<String, ArchiveLag> oldest =
          lags.entrySet().stream()
              .filter(e -> e.getValue().oldestAgeMs() != null)
              .max(
                  Map.Entry.comparingByValue(
                      (a, b) -> Long.compare(a.oldestAgeMs(), b.oldestAgeMs())))
              .orElse(null);
      long oldestAgeMs = oldest == null ? 0 : oldest.getValue().oldestAgeMs();
      HealthCheckResponseBuilder response =
          HealthCheckResponse.named(NAME)
              .status(oldestAgeMs <= streams.maxLag().toMillis())
              .withData("pending", pending)
              .withData("oldestAgeMs", oldestAgeMs)
              .withData("maxLagSeconds", streams.maxLag().toSeconds())
              .withData("quarantined", sum(lags, ArchiveLag::quarantined))
              .withData("dropped", sum(lags, ArchiveLag::dropped))
              .withData("warning", lags.values().stream().anyMatch(ArchiveLag::warning));
      if (oldest != null) {
        response.withData("oldestQueue", oldest.getKey());
      }
      failures.recovered(NAME);
      return response.build();
    } catch (RedisException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("error", failures.report(NAME, "Redis is unavailable", e))
          .build();
    }
  }

  private static long sum(Map<String, ArchiveLag> lags, ToLongFunction<ArchiveLag> field) {
    return lags.values().stream().mapToLong(field).sum();
  }
}
