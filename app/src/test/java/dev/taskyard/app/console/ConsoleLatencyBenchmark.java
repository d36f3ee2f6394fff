package dev.taskyard.app.console;

import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.Browser;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.worker.WorkerPool;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Not a test: a benchmark that prints figures (docs/benchmarks.md), in the real browser on a real
 * Payara Micro started with the production defaults (not Arquillian's test settings), probed for
 * readiness first as an orchestrator does. First, on an idle system, how long a task submitted
 * through the API takes to show on the dashboard (from just before the submit call to the DOM
 * change, both on this machine's clock). Then, under a steady load of no-op tasks run by this JVM's
 * workers, how many updates a second the page gets and how old the counts it shows are. Run with
 * {@code ./mvnw -B -q -pl app -am verify -P'!current-redis,!redis-topologies'
 * -Dit.test=ConsoleLatencyBenchmark -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}; {@code
 * -Dbench.archive=false} leaves the history out (the node's archiver off).
 */
class ConsoleLatencyBenchmark {
  private static final int CHANGES = Integer.getInteger("bench.changes", 300);
  private static final int LOAD_SECONDS = Integer.getInteger("bench.loadSeconds", 20);

  @Test
  void run() throws Exception {
    String idle = ItQueues.random();
    String busy = ItQueues.random();
    Path war = TestStack.exported(TestStack.war());
    Map<String, String> settings =
        Map.of("taskyard.archive.enabled", System.getProperty("bench.archive", "true"));
    try (PayaraNode node = PayaraNode.start("latency-bench-node", war, settings);
        Browser browser = Browser.start();
        Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      URL base = node.url();
      ConsolePage console = new ConsolePage(browser, base);
      ApiClient api = ApiClient.asAdmin(base);
      submit(api, idle);
      console.signedInAs(ApiClient.ADMIN_USER, ApiClient.ADMIN_PASSWORD);
      console.waitForText(By.id("ty-live"), "Live");
      console.waitForText(cell(idle), "1");
      browser
          .driver()
          .executeScript(
              "var cell = document.querySelector(arguments[0]); window.changes = [];"
                  + "new MutationObserver(function () { var at = performance.timeOrigin"
                  + " + performance.now(); window.changes.push([cell.textContent, at]); })"
                  + ".observe(cell, {childList: true, characterData: true, subtree: true});",
              "[data-queue='" + idle + "'] [data-field='queued']");

      idle(browser, "the API's submit call", 2, () -> submit(api, idle));
      idle(
          browser,
          "the engine's submit call",
          CHANGES + 2,
          () -> taskyard.producer().submit(idle, TaskRequest.of("bench.idle", "{}")));

      load(taskyard, browser, busy);
    } finally {
      try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
        ItQueues.delete(taskyard, idle);
        ItQueues.delete(taskyard, busy);
      }
    }
  }

  /**
   * Submits {@link #CHANGES} tasks one by one, each once the page shows the one before and a little
   * more than the feed's gap has passed, and prints how long each took to show.
   */
  private static void idle(Browser browser, String how, int first, Runnable submit) {
    List<Double> latencies = new ArrayList<>();
    List<Double> calls = new ArrayList<>();
    for (int i = first; i < first + CHANGES; i++) {
      Instant sent = Instant.now();
      long sentNanos = System.nanoTime();
      submit.run();
      calls.add((System.nanoTime() - sentNanos) / 1e6);
      String expected = String.format(Locale.US, "%,d", i);
      double shownAt =
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(5))
              .until(() -> shownAt(browser, expected), at -> at > 0);
      latencies.add(shownAt - (sent.getEpochSecond() * 1000.0 + sent.getNano() / 1e6));
      // Idle between changes: past the feed's gap between two updates.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
    }
    Collections.sort(latencies);
    Collections.sort(calls);
    System.out.printf(
        "Idle, from %s: %d changes to the DOM in p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max"
            + " %.1f ms (the call itself: p50 %.1f ms, p99 %.1f ms)%n",
        how,
        latencies.size(),
        at(latencies, 0.50),
        at(latencies, 0.90),
        at(latencies, 0.99),
        latencies.get(latencies.size() - 1),
        at(calls, 0.50),
        at(calls, 0.99));
  }

  /** Runs no-op tasks as fast as this JVM can for a while and reads what the page received. */
  private static void load(Taskyard taskyard, Browser browser, String queue) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong done = new AtomicLong();
    try (WorkerPool pool =
        taskyard
            .workerPool()
            .queue(queue, 50)
            .handler(
                "bench.noop",
                task -> {
                  done.incrementAndGet();
                  return null;
                })
            .start()) {
      Thread producer =
          new Thread(
              () -> {
                List<TaskRequest> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                  batch.add(TaskRequest.of("bench.noop", "{}"));
                }
                while (running.get()) {
                  if (taskyard.stats().status(queue).queued() < 50_000) {
                    taskyard.producer().submitAll(queue, batch);
                  } else {
                    Thread.onSpinWait();
                  }
                }
              });
      producer.start();
      // Warm up, then measure.
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
      browser.driver().executeScript("window.taskyardLive.lags.length = 0");
      long updatesBefore = queueUpdates(browser);
      long doneBefore = done.get();
      long start = System.nanoTime();
      List<Long> frameGaps = new ArrayList<>();
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(LOAD_SECONDS)) {
        // How long the page takes to run a script: a busy page answers late.
        long asked = System.nanoTime();
        browser.driver().executeScript("return 1");
        frameGaps.add((System.nanoTime() - asked) / 1_000_000);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long updates = queueUpdates(browser) - updatesBefore;
      long tasks = done.get() - doneBefore;
      running.set(false);
      producer.join();
      @SuppressWarnings("unchecked")
      List<Number> raw =
          (List<Number>) browser.driver().executeScript("return window.taskyardLive.lags");
      List<Double> lags = new ArrayList<>(raw.stream().map(Number::doubleValue).toList());
      Collections.sort(lags);
      Collections.sort(frameGaps);
      System.out.printf(
          "Load: %.0f tasks/s for %.0f s; the page got %.1f queue updates/s; counts shown were read"
              + " p50 %.0f ms, p99 %.0f ms, max %.0f ms before; a script on the page ran within"
              + " p50 %d ms, p99 %d ms%n",
          tasks / seconds,
          seconds,
          updates / seconds,
          at(lags, 0.50),
          at(lags, 0.99),
          lags.isEmpty() ? 0.0 : lags.get(lags.size() - 1),
          frameGaps.get(frameGaps.size() / 2),
          frameGaps.get((int) Math.min(frameGaps.size() - 1, Math.ceil(frameGaps.size() * 0.99))));
    }
  }

  private static long queueUpdates(Browser browser) {
    return ((Number)
            browser.driver().executeScript("return window.taskyardLive.messages.queues || 0"))
        .longValue();
  }

  private static double shownAt(Browser browser, String expected) {
    Object at =
        browser
            .driver()
            .executeScript(
                "var want = arguments[0]; var c = window.changes.find(function (c) {"
                    + " return c[0] === want; }); return c ? c[1] : 0;",
                expected);
    return ((Number) at).doubleValue();
  }

  private static void submit(ApiClient api, String queue) {
    api.post(
        "api/queue/tasks", "{\"queue\":\"" + queue + "\",\"type\":\"bench.idle\",\"payload\":{}}");
  }

  private static By cell(String queue) {
    return By.cssSelector("[data-queue='" + queue + "'] [data-field='queued']");
  }

  private static double at(List<Double> sorted, double quantile) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * quantile) - 1));
  }
}
