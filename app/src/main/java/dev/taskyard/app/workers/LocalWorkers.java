package dev.taskyard.app.workers;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.worker.WorkerOptions;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's one worker pool: serves every queue that has a {@link TaskType} handler, on threads
 * of the container's managed thread factory. Starts with the application (again and again while
 * Redis is away), stops gracefully with it: running tasks finish within the shutdown grace, the
 * rest return to their queues unrun.
 *
 * <p>Each queue runs {@code taskyard.workers.queue.<queue>.threads} threads (default {@code
 * taskyard.workers.threads}) until an operator sets a cluster-wide count through the workers API.
 */
@ApplicationScoped
public class LocalWorkers {
  private static final Logger LOG = Logger.getLogger(LocalWorkers.class.getName());
  private static final Duration START_RETRY = Duration.ofSeconds(5);

  @Inject Taskyard taskyard;
  @Inject TaskHandlers handlers;
  @Inject Config config;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threadFactory;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService retries;

  @Inject
  @ConfigProperty(name = "taskyard.workers.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.workers.threads", defaultValue = "4")
  int defaultThreads;

  @Inject
  @ConfigProperty(name = "taskyard.workers.shutdown-grace-seconds", defaultValue = "20")
  long shutdownGraceSeconds;

  @Inject
  @ConfigProperty(name = "taskyard.workers.interrupt-wait-seconds", defaultValue = "10")
  long interruptWaitSeconds;

  @Inject
  @ConfigProperty(name = "taskyard.workers.id")
  Optional<String> workerId;

  private volatile WorkerPool pool;
  private ScheduledFuture<?> retry;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!enabled) {
      LOG.info("Workers disabled (taskyard.workers.enabled=false)");
      return;
    }
    List<HandlerBinding> bindings = handlers.find();
    if (bindings.isEmpty()) {
      LOG.info("No @TaskType handlers: this node runs no workers");
      return;
    }
    if (!tryStart(bindings)) {
      long every = START_RETRY.toMillis();
      retry =
          retries.scheduleWithFixedDelay(
              () -> {
                if (tryStart(bindings)) {
                  retry.cancel(false);
                }
              },
              every,
              every,
              TimeUnit.MILLISECONDS);
    }
  }

  private synchronized boolean tryStart(List<HandlerBinding> bindings) {
    if (pool != null) {
      return true;
    }
    WorkerPool.Builder builder =
        taskyard
            .workerPool()
            .threadFactory(threadFactory)
            .options(
                WorkerOptions.defaults()
                    .withShutdownGrace(Duration.ofSeconds(shutdownGraceSeconds))
                    .withInterruptWait(Duration.ofSeconds(interruptWaitSeconds)));
    workerId.ifPresent(builder::workerId);
    threadsPerQueue(bindings).forEach(builder::queue);
    bindings.forEach(b -> builder.handler(b.type(), b.handler()));
    try {
      pool = builder.start();
      return true;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Workers not started (is Redis up?); trying again every "
              + START_RETRY.toSeconds()
              + " s",
          e);
      return false;
    }
  }

  private Map<String, Integer> threadsPerQueue(List<HandlerBinding> bindings) {
    Map<String, Integer> threads = new LinkedHashMap<>();
    for (HandlerBinding b : bindings) {
      threads.computeIfAbsent(
          b.queue(),
          q ->
              config
                  .getOptionalValue("taskyard.workers.queue." + q + ".threads", Integer.class)
                  .orElse(defaultThreads));
    }
    return threads;
  }

  synchronized void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    if (retry != null) {
      retry.cancel(false);
    }
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  /** The running pool; empty when workers are disabled, have no handlers or wait for Redis. */
  public Optional<WorkerPool> pool() {
    return Optional.ofNullable(pool);
  }
}
