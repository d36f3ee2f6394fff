package dev.taskyard.app.metrics;

import dev.taskyard.app.platform.OutageLog;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Samples the queues and rolls the samples up, on container-managed threads, each job on one node
 * of the cluster at a time (a {@link ClusterLease} of three periods). A run that fails (Redis or
 * PostgreSQL away) is skipped: counts are cumulative, so the next sample catches up. Each stored
 * sample is announced on the Redis channel {@value #CHANNEL} ({@code {"type":"metrics","at":ms}}),
 * so every node's console charts extend.
 */
@ApplicationScoped
public class MetricsJobs {
  public static final String CHANNEL = "ty:metrics";
  private static final Logger LOG = Logger.getLogger(MetricsJobs.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService executor;

  @Inject MetricsSettings settings;
  @Inject QueueSampler sampler;
  @Inject MetricsStore store;
  @Inject ClusterLease lease;
  @Inject RedissonClient redisson;

  private final List<Future<?>> jobs = new ArrayList<>();

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!settings.enabled()) {
      return;
    }
    schedule(this::sample, settings.sampleStep());
    schedule(this::rollUp, settings.rollupPeriod());
  }

  @PreDestroy
  void stop() {
    jobs.forEach(job -> job.cancel(true));
  }

  void sample() {
    Duration step = settings.sampleStep();
    try {
      if (lease.hold("sampler", step.multipliedBy(3))) {
        List<QueueReading> readings = sampler.readAll();
        store.recordSamples(readings, step);
        if (!readings.isEmpty()) {
          redisson
              .getTopic(CHANNEL, StringCodec.INSTANCE)
              .publish(
                  Json.createObjectBuilder()
                      .add("type", "metrics")
                      .add("at", readings.get(0).at().toEpochMilli())
                      .build()
                      .toString());
        }
      }
    } catch (Exception e) {
      OutageLog.warning(LOG, "Metrics sample skipped; the next one catches up", e);
    }
  }

  void rollUp() {
    try {
      if (!lease.hold("rollup", settings.rollupPeriod().multipliedBy(3))) {
        return;
      }
      Instant now = Instant.now();
      Map<Resolution, Duration> retention = settings.retention();
      for (Resolution target : List.of(Resolution.HOUR, Resolution.DAY)) {
        store.rollUp(target, rollUpFrom(target, now, retention.get(target.source())), now);
      }
      for (Resolution r : Resolution.values()) {
        store.deleteBefore(r, now.minus(retention.get(r)));
      }
    } catch (Exception e) {
      OutageLog.warning(LOG, "Metrics rollup skipped; the next one redoes it", e);
    }
  }

  /**
   * The start of the oldest {@code target} row to recompute: the previous one, so late samples
   * count, but none whose source rows retention may have removed in part.
   */
  static Instant rollUpFrom(Resolution target, Instant now, Duration sourceRetention) {
    Instant from = target.truncate(now).minus(target.width);
    Instant oldestSource = now.minus(sourceRetention);
    while (from.isBefore(oldestSource)) {
      from = from.plus(target.width);
    }
    return from;
  }

  private void schedule(Runnable job, Duration period) {
    jobs.add(
        executor.scheduleWithFixedDelay(
            job, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
  }
}
