package dev.taskyard.bench;

import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.encryption.EncryptionKeys;
import dev.taskyard.core.enqueue.Submission;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.events.EventSubscription;
import dev.taskyard.core.events.TaskEvent;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.redis.RedisMasters;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.core.stats.QueueStatus;
import dev.taskyard.core.worker.WorkerPool;
import dev.taskyard.embedded.EmbeddedRedis;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.redisson.api.redisnode.RedisNode.InfoSection;
import org.redisson.client.codec.StringCodec;

/**
 * The engine's throughput benchmark (docs/benchmarks.md): against one Redis, submits N no-op tasks
 * in batches with no worker running (phase 1, submit rate), processes them with a pool of C worker
 * threads (phase 2, process rate), then submits at a fixed rate to the still running pool (phase 3,
 * latency). Redis commands per task come from {@code INFO commandstats} around phases 1 and 2.
 */
public final class Benchmark {
  static final String TASK_TYPE = "bench.noop";
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final int POLL_COST_TRIALS = 3;
  private static final double SHOWN_PER_TASK = 0.005;

  private final BenchmarkOptions options;
  private final PrintStream out;
  private final PrintStream log;
  private final TaskRequest request;

  /** Task id to the local nanoTime its handler started; filled by every task's handler. */
  private final Map<String, Long> startNanos = new ConcurrentHashMap<>();

  private Taskyard taskyard;

  /** What one run measured. */
  public record Result(
      String redisVersion,
      long tasks,
      double submitSeconds,
      double processSeconds,
      long claims,
      long claimedTasks,
      long acknowledgements,
      long acknowledgedTasks,
      CommandStats submitCommands,
      CommandStats processCommands,
      CpuTime submitCpu,
      CpuTime processCpu,
      long statusPolls,
      long pollCommandsSubtracted,
      long latencyTasks,
      double latencyRate,
      Histogram submitToStart,
      Histogram submitToDone) {

    public double submitRate() {
      return tasks / submitSeconds;
    }

    public double processRate() {
      return tasks / processSeconds;
    }

    public double commandsPerTask() {
      return (double) (submitCommands.total() + processCommands.total()) / tasks;
    }
  }

  Benchmark(BenchmarkOptions options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = log;
    this.request = TaskRequest.of(TASK_TYPE, options.payload());
  }

  /**
   * The engine's options: the durability {@code TASKYARD_REDIS_DURABILITY} names, and encryption
   * with a key made for this run when asked for.
   */
  private TaskyardOptions engineOptions() {
    TaskyardOptions engine =
        TaskyardOptions.defaults().withDurability(BenchmarkOptions.envDurability());
    if (!options.encrypt()) {
      return engine;
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return engine.withEncryption(
        EncryptionKeys.parse("bench=" + Base64.getEncoder().encodeToString(key), null));
  }

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (BenchmarkOptions.HelpRequested e) {
      System.out.print(BenchmarkOptions.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchmarkOptions.USAGE);
      System.exit(2);
      return;
    }
    new Benchmark(options, System.out, System.err).run();
  }

  /** Runs every phase, prints the summary to {@code out} and returns the figures. */
  public Result run() {
    // Without a URL: a real redis-server without persistence, stopped at the end (null: none).
    try (EmbeddedRedis embedded = options.redis().isEmpty() ? EmbeddedRedis.start() : null;
        Taskyard connected =
            Taskyard.connect(
                options.redis().orElseGet(() -> RedisTopology.single(embedded.url())),
                engineOptions())) {
      taskyard = connected;
      String version =
          RedisMasters.any(taskyard.redisson())
              .info(InfoSection.SERVER)
              .getOrDefault("redis_version", "?");
      out.printf(
          Locale.ROOT,
          "Taskyard benchmark  (Redis %s %s, %d cores, JDK %s, tasks=%d, workers=%d, batch=%d,"
              + " producers=%d, payload=%d B%s, warmup=%d)%n",
          version,
          embedded != null ? "embedded" : "external",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          options.tasks(),
          options.workers(),
          options.batch(),
          options.producers(),
          options.payloadBytes(),
          options.encrypt() ? " encrypted" : "",
          options.warmup());
      double loadBefore = loadAverage();
      if (options.warmup() > 0) {
        warmUp();
      }
      String queue = "bench-" + UUID.randomUUID().toString().substring(0, 12);
      try {
        Result result = measure(queue, version);
        print(result);
        if (options.eventsTasks() > 0) {
          liveEvents();
        }
        out.printf(
            Locale.ROOT,
            "machine load average (1 min): %.2f at start, %.2f at end; other processes'"
                + " load skews every figure%n",
            loadBefore,
            loadAverage());
        return result;
      } finally {
        deleteQueue(queue);
      }
    }
  }

  /** Phases 1 and 2 on a queue of their own, so the JIT and Redis's script cache are warm. */
  private void warmUp() {
    String queue = "bench-warmup-" + UUID.randomUUID().toString().substring(0, 12);
    log.printf(Locale.ROOT, "warm-up: %d tasks%n", options.warmup());
    try {
      submit(queue, options.warmup());
      WorkerPool pool = startPool(queue);
      try {
        awaitProcessed(queue, options.warmup(), new long[2]);
      } finally {
        pool.close();
      }
    } finally {
      deleteQueue(queue);
      startNanos.clear();
    }
  }

  private Result measure(String queue, String version) {
    int n = options.tasks();
    // Register the queue now, so its one-off setup is not counted with the tasks.
    taskyard.queues().configure(queue, QueueSettings.defaults());
    CommandStats emptyPoll = pollCost(queue);

    log.printf(Locale.ROOT, "phase 1: submitting %d tasks%n", n);
    CommandStats beforeSubmit = CommandStats.read(taskyard.redisson());
    CpuTime cpuBeforeSubmit = CpuTime.read(taskyard.redisson());
    double submitSeconds = submit(queue, n);
    CpuTime submitCpu = CpuTime.read(taskyard.redisson()).minus(cpuBeforeSubmit);
    CommandStats afterSubmit = CommandStats.read(taskyard.redisson());

    CommandStats fullPoll = pollCost(queue);

    log.printf(Locale.ROOT, "phase 2: processing with %d threads%n", options.workers());
    CommandStats beforeProcess = CommandStats.read(taskyard.redisson());
    CpuTime cpuBeforeProcess = CpuTime.read(taskyard.redisson());
    long start = System.nanoTime();
    WorkerPool pool = startPool(queue);
    try {
      long[] polls = new long[2]; // [0] polls that saw tasks queued, [1] polls that saw none
      long end = awaitProcessed(queue, n, polls);
      CpuTime processCpu = CpuTime.read(taskyard.redisson()).minus(cpuBeforeProcess);
      CommandStats afterProcess = CommandStats.read(taskyard.redisson());
      double processSeconds = (end - start) / 1e9;
      CommandStats pollCommands = fullPoll.times(polls[0]).plus(emptyPoll.times(polls[1]));
      CommandStats processCommands = afterProcess.minus(beforeProcess).minus(pollCommands);

      // Outside the counted windows: how the pool batched its claims and acknowledgements.
      long[] batches = new long[4];
      String lastEventId = countBatches(queue, batches);

      Histogram toStart = newHistogram();
      Histogram toDone = newHistogram();
      long[] latencyTasks = new long[1];
      double rate = 0;
      if (options.latencySeconds() > 0) {
        log.printf(
            Locale.ROOT,
            "phase 3: %d tasks/s for %d s%n",
            options.rate(),
            options.latencySeconds());
        rate = latency(queue, lastEventId, toStart, toDone, latencyTasks);
      }
      return new Result(
          version,
          n,
          submitSeconds,
          processSeconds,
          batches[0],
          batches[1],
          batches[2],
          batches[3],
          afterSubmit.minus(beforeSubmit),
          processCommands,
          submitCpu,
          processCpu,
          polls[0] + polls[1],
          pollCommands.total(),
          latencyTasks[0],
          rate,
          toStart,
          toDone);
    } finally {
      pool.close();
    }
  }

  // ---- phase 4: live events

  /**
   * What an event subscriber costs the engine: the same work processed without and with one
   * subscriber to every queue, alternating twice, in this run; then how soon a single change on an
   * idle queue reaches the subscriber.
   */
  private void liveEvents() {
    int n = options.eventsTasks();
    log.printf(
        Locale.ROOT, "phase 4: live events, 2 x (%d tasks without, %d with a subscriber)%n", n, n);
    double without = 0;
    double with = 0;
    AtomicLong events = new AtomicLong();
    AtomicLong deliveries = new AtomicLong();
    for (int round = 0; round < 2; round++) {
      without += processFresh(n, null) / 2;
      with +=
          processFresh(
                  n,
                  batch -> {
                    events.addAndGet(batch.size());
                    deliveries.incrementAndGet();
                  })
              / 2;
    }
    Histogram idle = idleDelivery(50);
    out.printf(
        Locale.ROOT,
        "live events: process %,.0f tasks/s without a subscriber, %,.0f with one (%+.1f%%);"
            + " %,d events in %,d deliveries (%.1f per delivery)%n",
        without,
        with,
        (with - without) * 100 / without,
        events.get(),
        deliveries.get(),
        ratio(events.get(), deliveries.get()));
    out.printf(
        Locale.ROOT,
        "  idle queue, submit -> event delivered: %s (%d single submits, 50 ms apart)%n",
        percentiles(idle),
        idle.getTotalCount());
  }

  /** Submits and processes {@code n} tasks on a fresh queue; returns tasks/s of processing. */
  private double processFresh(int n, Consumer<List<TaskEvent>> subscriber) {
    String queue = "bench-events-" + UUID.randomUUID().toString().substring(0, 12);
    try {
      submit(queue, n);
      EventSubscription subscription =
          subscriber == null ? null : taskyard.events().subscribe(subscriber);
      try {
        long start = System.nanoTime();
        WorkerPool pool = startPool(queue);
        try {
          return n / ((awaitProcessed(queue, n, new long[2]) - start) / 1e9);
        } finally {
          pool.close();
        }
      } finally {
        if (subscription != null) {
          subscription.close();
        }
      }
    } finally {
      deleteQueue(queue);
      startNanos.clear();
    }
  }

  private Histogram idleDelivery(int submits) {
    String queue = "bench-idle-" + UUID.randomUUID().toString().substring(0, 12);
    Map<String, Long> seen = new ConcurrentHashMap<>();
    Histogram h = newHistogram();
    taskyard.queues().configure(queue, QueueSettings.defaults());
    try (EventSubscription subscription =
        taskyard
            .events()
            .subscribe(
                List.of(queue),
                batch -> {
                  long now = System.nanoTime();
                  batch.stream()
                      .filter(e -> e.type().equals("submitted"))
                      .forEach(e -> e.taskIds().forEach(id -> seen.put(id, now)));
                })) {
      for (int i = 0; i < submits; i++) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        long before = System.nanoTime();
        String id = taskyard.producer().submit(queue, request).id();
        long deadline = before + TimeUnit.SECONDS.toNanos(5);
        while (!seen.containsKey(id) && System.nanoTime() < deadline) {
          LockSupport.parkNanos(20_000);
        }
        Long at = seen.get(id);
        if (at == null) {
          throw new IllegalStateException("Event of task " + id + " not delivered within 5 s");
        }
        h.recordValue(micros(at - before));
      }
    } finally {
      deleteQueue(queue);
    }
    return h;
  }

  // ---- phase 1

  /** Submits {@code n} tasks in batches from the producer threads; returns the seconds taken. */
  private double submit(String queue, int n) {
    int batch = options.batch();
    int batches = (n + batch - 1) / batch;
    List<TaskRequest> full = Collections.nCopies(batch, request);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger submitted = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < options.producers(); p++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int b = next.getAndIncrement();
                      b < batches && failure.get() == null;
                      b = next.getAndIncrement()) {
                    int size = Math.min(batch, n - b * batch);
                    List<Submission> s =
                        taskyard
                            .producer()
                            .submitAll(queue, size == batch ? full : full.subList(0, size));
                    submitted.addAndGet(s.size());
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-producer-" + p);
      t.setDaemon(true);
      t.start();
      producers.add(t);
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread t : producers) {
      join(t);
    }
    long end = System.nanoTime();
    if (failure.get() != null) {
      throw new IllegalStateException("Submitting failed", failure.get());
    }
    if (submitted.get() != n) {
      throw new IllegalStateException("Submitted " + submitted.get() + " of " + n + " tasks");
    }
    return (end - start) / 1e9;
  }

  // ---- phase 2

  private WorkerPool startPool(String queue) {
    return taskyard
        .workerPool()
        .queue(queue, options.workers())
        .handler(
            TASK_TYPE,
            task -> {
              startNanos.put(task.id(), System.nanoTime());
              return null;
            })
        .start();
  }

  /**
   * Polls the queue's status every 5 ms until {@code n} tasks succeeded and none is queued or
   * running; counts the polls that saw tasks queued ({@code polls[0]}) and none ({@code polls[1]}),
   * whose Redis commands differ by one. Returns the nanoTime the end was seen.
   */
  private long awaitProcessed(String queue, long n, long[] polls) {
    long lastProgress = System.nanoTime();
    long lastSucceeded = -1;
    while (true) {
      QueueStatus s = taskyard.stats().status(queue);
      long now = System.nanoTime();
      polls[s.queued() > 0 ? 0 : 1]++;
      QueueStatus.Totals t = s.totals();
      if (s.queued() == 0 && s.running() == 0 && t.succeeded() == n) {
        return now;
      }
      if (t.failed() > 0 || t.deadLettered() > 0 || t.leasesExpired() > 0) {
        throw new IllegalStateException("Tasks failed or expired: " + s);
      }
      if (t.succeeded() != lastSucceeded) {
        lastSucceeded = t.succeeded();
        lastProgress = now;
      } else if (now - lastProgress > STALL_NANOS) {
        throw new IllegalStateException("No task finished for 60 s: " + s);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /**
   * The Redis commands one status poll costs, measured with no worker running: the cheapest of a
   * few tries, in case a client keep-alive or other traffic fell into one.
   */
  private CommandStats pollCost(String queue) {
    CommandStats best = null;
    for (int i = 0; i < POLL_COST_TRIALS; i++) {
      CommandStats before = CommandStats.read(taskyard.redisson());
      taskyard.stats().status(queue);
      CommandStats cost = CommandStats.read(taskyard.redisson()).minus(before);
      if (best == null || cost.total() < best.total()) {
        best = cost;
      }
    }
    return best;
  }

  /**
   * Reads the queue's whole event stream: {@code out} gets the claim calls ("started" entries) and
   * tasks claimed, the acknowledgement calls ("succeeded" entries) and tasks acknowledged. Returns
   * the last entry's id.
   */
  private String countBatches(String queue, long[] out) {
    String last = "0";
    while (true) {
      List<TaskEvent> read = taskyard.events().read(queue, last, 1000);
      if (read.isEmpty()) {
        return last;
      }
      for (TaskEvent e : read) {
        last = e.streamId();
        if (e.type().equals("started")) {
          out[0]++;
          out[1] += e.taskIds().size();
        } else if (e.type().equals("succeeded")) {
          out[2]++;
          out[3] += e.taskIds().size();
        }
      }
    }
  }

  // ---- phase 3

  /**
   * Submits batches at a fixed rate to the running pool and measures each task's submit-to-start
   * and submit-to-done; returns the rate achieved.
   */
  private double latency(
      String queue, String afterEventId, Histogram toStart, Histogram toDone, long[] count) {
    int k = options.latencyBatch();
    long total = (long) options.rate() * options.latencySeconds();
    long batches = (total + k - 1) / k;
    long interval = Math.round(k * 1e9 / options.rate());
    List<TaskRequest> list = Collections.nCopies(k, request);
    Map<String, Long> submitNanos = new ConcurrentHashMap<>();
    Map<String, Long> doneNanos = new ConcurrentHashMap<>();
    long start;
    long end;
    try (SucceededWatcher watcher =
        new SucceededWatcher(taskyard.events(), queue, afterEventId, doneNanos).start()) {
      start = System.nanoTime();
      for (long b = 0; b < batches; b++) {
        long due = start + b * interval;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        int size = (int) Math.min(k, total - b * k);
        long before = System.nanoTime();
        for (Submission s :
            taskyard.producer().submitAll(queue, size == k ? list : list.subList(0, size))) {
          submitNanos.put(s.id(), before);
        }
      }
      end = System.nanoTime();
      long deadline = System.nanoTime() + STALL_NANOS;
      while (!doneNanos.keySet().containsAll(submitNanos.keySet())) {
        watcher.check();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Latency phase: only "
                  + doneNanos.size()
                  + " of "
                  + submitNanos.size()
                  + " tasks seen succeeded after 60 s");
        }
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
    submitNanos.forEach(
        (id, submitted) -> {
          Long started = startNanos.get(id);
          if (started == null) {
            throw new IllegalStateException("Task " + id + " succeeded but its handler never ran");
          }
          toStart.recordValue(micros(started - submitted));
          toDone.recordValue(micros(doneNanos.get(id) - submitted));
        });
    count[0] = submitNanos.size();
    return submitNanos.size() / ((end - start) / 1e9);
  }

  /** The 1-minute system load average, or -1 where the platform has none. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Histogram newHistogram() {
    return new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
  }

  private static long micros(long nanos) {
    return Math.max(0, nanos / 1000);
  }

  // ---- output and cleanup

  private void print(Result r) {
    out.printf(
        Locale.ROOT,
        "submit:   %d tasks in %.2f s = %,.0f tasks/s   (%d producers, batches of %d)%n",
        r.tasks(),
        r.submitSeconds(),
        r.submitRate(),
        options.producers(),
        options.batch());
    out.printf(
        Locale.ROOT,
        "process:  %d tasks in %.2f s = %,.0f tasks/s   (%d worker threads; %,d claims of %.1f"
            + " tasks, %,d acknowledgements of %.1f tasks on average)%n",
        r.tasks(),
        r.processSeconds(),
        r.processRate(),
        options.workers(),
        r.claims(),
        ratio(r.claimedTasks(), r.claims()),
        r.acknowledgements(),
        ratio(r.acknowledgedTasks(), r.acknowledgements()));
    if (r.latencyTasks() > 0) {
      out.printf(
          Locale.ROOT,
          "latency at %d tasks/s (%,d tasks in batches of %d; achieved %,.0f tasks/s):%n",
          options.rate(),
          r.latencyTasks(),
          options.latencyBatch(),
          r.latencyRate());
      out.println("  submit->start  " + percentiles(r.submitToStart()));
      out.println("  submit->done   " + percentiles(r.submitToDone()));
    }
    CommandStats all = r.submitCommands().plus(r.processCommands());
    StringBuilder top = new StringBuilder();
    for (String command : all.byCalls()) {
      double perTask = (double) all.calls(command) / r.tasks();
      if (perTask >= SHOWN_PER_TASK) {
        top.append(top.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%s %.2f", command, perTask));
      }
    }
    out.printf(
        Locale.ROOT,
        "redis commands per task lifecycle: %.2f = submit %.2f + process %.2f  (%s)%n",
        r.commandsPerTask(),
        (double) r.submitCommands().total() / r.tasks(),
        (double) r.processCommands().total() / r.tasks(),
        top);
    out.printf(
        Locale.ROOT,
        "  counted: every command Redis ran during phases 1 and 2, those inside scripts included"
            + " (submits, claims, acknowledgements, pub/sub, the pool's upkeep, heartbeat and idle"
            + " claims);"
            + " not counted: the benchmark's INFO reads and its %d status polls (%,d commands"
            + " subtracted)%n",
        r.statusPolls(),
        r.pollCommandsSubtracted());
    out.printf(
        Locale.ROOT,
        "cpu per task: submit %.1f us JVM + %.1f us Redis; process %.1f us JVM + %.1f us Redis"
            + "  (%d cores)%n",
        (double) r.submitCpu().jvmMicros() / r.tasks(),
        (double) r.submitCpu().redisMicros() / r.tasks(),
        (double) r.processCpu().jvmMicros() / r.tasks(),
        (double) r.processCpu().redisMicros() / r.tasks(),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "redis time in scripts per task: %.1f us (EVALSHA usec from commandstats)%n",
        (double) all.micros("evalsha") / r.tasks());
  }

  private static String percentiles(Histogram h) {
    return String.format(
        Locale.ROOT,
        "p50 %s ms  p95 %s ms  p99 %s ms  max %s ms",
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()));
  }

  private static String ms(long micros) {
    double ms = micros / 1000.0;
    return String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f", ms);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /** Deletes every key of the queue and its name in the queue set. */
  private void deleteQueue(String queue) {
    taskyard.redisson().getKeys().deleteByPattern("ty:{" + queue + "}:*");
    taskyard.redisson().getSet(QueueKeys.QUEUES, StringCodec.INSTANCE).remove(queue);
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
