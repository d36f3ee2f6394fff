package dev.taskyard.app.workers;

import static dev.taskyard.app.ApiClient.json;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.app.ApiClient;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.PayaraNode;
import dev.taskyard.app.TestStack;
import dev.taskyard.app.history.ArchiveStreams;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.task.TaskRecord;
import dev.taskyard.core.task.TaskState;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.client.codec.StringCodec;

/**
 * Three app nodes (Arquillian's and two started here) run one queue under a steady submit load; one
 * of them is killed with SIGKILL while it runs tasks and holds history entries it has read but not
 * yet acknowledged. Nothing may be lost: its tasks run again after their leases, the others take
 * over its archiver's entries, it is listed as lost, and the survivors go on.
 */
@ExtendWith(ArquillianExtension.class)
class NodeFailureIT {
  private static final String QUEUE = RunRecordingHandler.QUEUE;
  private static final String VICTIM = "it-node-failure-victim";
  private static final String SURVIVOR = "it-node-failure-survivor";
  // Short leases and a short archive takeover (on the nodes started here), so recovery takes
  // seconds; Arquillian's node keeps the default takeover of a minute.
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Map<String, String> FAST_TAKEOVER =
      Map.of("taskyard.archive.claim-idle-ms", "2000");
  private static final Duration SUBMIT_EVERY = Duration.ofMillis(20);
  private static final int RUNS_AFTER_KILL = 20;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static Path war;
  private static PayaraNode victim;
  private static PayaraNode survivor;
  private static Taskyard taskyard;
  private static HikariDataSource database;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    WebArchive app = TestStack.war().addClass(RunRecordingHandler.class);
    war = TestStack.exported(app);
    return app;
  }

  @BeforeAll
  static void startTwoMoreNodes() {
    taskyard = Taskyard.connect(TestStack.REDIS.url());
    database = TestStack.database();
    // Both at once: much of a start is waiting.
    CompletableFuture<PayaraNode> first = CompletableFuture.supplyAsync(() -> start(VICTIM));
    CompletableFuture<PayaraNode> second = CompletableFuture.supplyAsync(() -> start(SURVIVOR));
    try {
      victim = first.join();
    } finally {
      survivor = second.join();
    }
  }

  private static PayaraNode start(String name) {
    Map<String, String> properties = new HashMap<>(FAST_TAKEOVER);
    properties.put("taskyard.workers.id", name);
    properties.put("taskyard.archive.consumer", name);
    return PayaraNode.start(name, war, properties);
  }

  @AfterAll
  static void stopNodes() {
    try {
      if (victim != null) {
        victim.kill();
      }
      if (survivor != null) {
        survivor.close();
      }
    } finally {
      if (taskyard != null) {
        // The killed node stays listed as lost for a quarter of an hour: it comes back and leaves,
        // as a restarted node would, so that other tests see only their own nodes.
        String elsewhere = ItQueues.random();
        try {
          taskyard.workerPool().workerId(VICTIM).queue(elsewhere, 1).start().close();
        } finally {
          ItQueues.delete(taskyard, elsewhere);
          ItQueues.delete(taskyard, QUEUE);
          taskyard.redisson().getKeys().delete(RunRecordingHandler.RUNS);
          taskyard.close();
        }
      }
      if (database != null) {
        database.close();
      }
    }
  }

  @Test
  void aNodeKilledUnderLoadLosesNothingAndItsTasksAndHistoryEntriesAreTakenOver() throws Exception {
    List<String> ids = new CopyOnWriteArrayList<>();
    List<Exception> submitErrors = new CopyOnWriteArrayList<>();
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    producer.scheduleAtFixedRate(
        () -> {
          try {
            TaskRequest task =
                TaskRequest.of("it.recorded", "{\"n\":" + ids.size() + "}").withTimeout(LEASE);
            ids.add(taskyard.producer().submit(QUEUE, task).id());
          } catch (RuntimeException e) {
            submitErrors.add(e); // a thrown exception would end the schedule silently
          }
        },
        0,
        SUBMIT_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      // All three nodes run tasks of the queue.
      Set<String> nodes =
          await()
              .atMost(WAIT)
              .until(
                  () -> nodesThatFinished(runs(), Set.copyOf(ids)),
                  finished -> finished.size() == 3);
      assertThat(nodes).contains(VICTIM, SURVIVOR);
      Set<String> survivors = new HashSet<>(nodes);
      survivors.remove(VICTIM);

      long expiredBefore = taskyard.stats().status(QUEUE).totals().leasesExpired();
      // Freeze the victim until a moment where it both runs tasks and holds archive entries read
      // but not acknowledged (those are written to PostgreSQL for a few milliseconds at a time),
      // then kill it in that state.
      AtomicReference<Map<String, Integer>> inFlight = new AtomicReference<>();
      AtomicReference<Long> pendingAtKill = new AtomicReference<>();
      await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                victim.freeze();
                Map<String, Integer> running = unfinishedAttempts(runs(), VICTIM);
                long pending = pendingArchiveEntries(VICTIM);
                if (!running.isEmpty() && pending > 0) {
                  inFlight.set(running);
                  pendingAtKill.set(pending);
                  return true;
                }
                victim.thaw();
                return false;
              });
      assertThat(victim.kill()).as("exit value of SIGKILL").isEqualTo(128 + 9);
      int submittedAtKill = ids.size();

      // The killed node is listed as lost; the survivors keep working.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          listedNode(ApiClient.asAdmin(survivor.url()), VICTIM).getBoolean("lost"))
                      .isTrue());
      await()
          .atMost(WAIT)
          .until(
              () -> {
                List<String> now = List.copyOf(ids);
                Set<String> after = Set.copyOf(now.subList(submittedAtKill, now.size()));
                Map<String, Long> perNode =
                    runs().stream()
                        .filter(r -> r.done() && after.contains(r.task()))
                        .collect(groupingBy(Run::node, counting()));
                return survivors.stream()
                    .allMatch(n -> perNode.getOrDefault(n, 0L) >= RUNS_AFTER_KILL);
              });
      producer.shutdown();
      assertThat(producer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(submitErrors).isEmpty();
      List<String> submitted = List.copyOf(ids);

      // Every task succeeded, those the victim was running after their leases expired, elsewhere.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  taskyard.tasks().findAll(QUEUE, submitted).stream()
                      .allMatch(t -> t.state() == TaskState.SUCCEEDED));
      Map<String, TaskRecord> tasks = new HashMap<>();
      taskyard.tasks().findAll(QUEUE, submitted).forEach(t -> tasks.put(t.id(), t));
      assertThat(tasks).hasSize(submitted.size());
      List<Run> runs = runs();
      inFlight
          .get()
          .forEach(
              (id, attempt) -> {
                TaskRecord task = tasks.get(id);
                assertThat(task.attempts()).as(id).isGreaterThan(attempt);
                assertThat(task.workerId()).as(id).isPresent().get().isIn(survivors);
                assertThat(runs)
                    .as(id)
                    .anyMatch(
                        r ->
                            r.done()
                                && r.task().equals(id)
                                && survivors.contains(r.node())
                                && r.attempt() > attempt);
              });
      assertThat(taskyard.stats().status(QUEUE).totals().leasesExpired() - expiredBefore)
          .isGreaterThanOrEqualTo(inFlight.get().size());

      // The history holds each task once, as it ended: the victim's pending entries were taken
      // over by a survivor's archiver.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(history(submitted))
                      .hasSize(submitted.size())
                      .allSatisfy(row -> assertThat(row.state()).isEqualTo("SUCCEEDED")));
      List<HistoryRow> history = history(submitted);
      assertThat(history.stream().map(HistoryRow::id).toList())
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(submitted);
      assertThat(history)
          .allSatisfy(
              row -> {
                TaskRecord task = tasks.get(row.id());
                assertThat(row.attempts()).as(row.id()).isEqualTo(task.attempts());
                assertThat(row.worker()).as(row.id()).isEqualTo(task.workerId().orElseThrow());
              });
      assertThat(pendingArchiveEntries(VICTIM)).isZero();

      report(submitted, submittedAtKill, inFlight.get(), pendingAtKill.get(), runs);
    } finally {
      producer.shutdownNow();
    }
  }

  /** Prints what happened, duplicates (tasks whose handler finished more than once) included. */
  private static void report(
      List<String> submitted,
      int submittedAtKill,
      Map<String, Integer> inFlight,
      long pendingAtKill,
      List<Run> runs) {
    Set<String> ids = Set.copyOf(submitted);
    Map<String, Long> finishedPerTask =
        runs.stream()
            .filter(r -> r.done() && ids.contains(r.task()))
            .collect(groupingBy(Run::task, counting()));
    List<String> duplicates =
        finishedPerTask.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    Map<String, Long> perNode =
        runs.stream()
            .filter(r -> r.done() && ids.contains(r.task()))
            .collect(groupingBy(Run::node, counting()));
    System.out.printf(
        "NodeFailureIT: %d tasks submitted (%d after the kill); finished runs per node %s;"
            + " the killed node had %d tasks in flight %s and %d archive entries pending;"
            + " %d tasks finished twice (run again after the kill took their results): %s%n",
        submitted.size(),
        submitted.size() - submittedAtKill,
        perNode,
        inFlight.size(),
        inFlight.keySet(),
        pendingAtKill,
        duplicates.size(),
        duplicates);
  }

  /** One line written by {@link RunRecordingHandler}. */
  private record Run(boolean done, String task, String node, int attempt) {
    static Run parse(String line) {
      String[] f = line.split(" ");
      return new Run(f[0].equals("done"), f[1], f[2], Integer.parseInt(f[3]));
    }
  }

  private static List<Run> runs() {
    return taskyard
        .redisson()
        .<String>getList(RunRecordingHandler.RUNS, StringCodec.INSTANCE)
        .readAll()
        .stream()
        .map(Run::parse)
        .toList();
  }

  private static Set<String> nodesThatFinished(List<Run> runs, Set<String> tasks) {
    return runs.stream()
        .filter(r -> r.done() && tasks.contains(r.task()))
        .map(Run::node)
        .collect(toSet());
  }

  /** The attempts {@code node}'s handlers started and have not finished, by task id. */
  private static Map<String, Integer> unfinishedAttempts(List<Run> runs, String node) {
    Function<Run, String> key = r -> r.task() + " " + r.attempt();
    Set<String> finished =
        runs.stream().filter(r -> r.done() && r.node().equals(node)).map(key).collect(toSet());
    Map<String, Integer> started = new HashMap<>();
    runs.stream()
        .filter(r -> !r.done() && r.node().equals(node) && !finished.contains(key.apply(r)))
        .forEach(r -> started.put(r.task(), r.attempt()));
    return started;
  }

  /** Entries of the queue's event stream that {@code consumer} has read and not acknowledged. */
  private static long pendingArchiveEntries(String consumer) {
    return taskyard
        .redisson()
        .<String, String>getStream(new QueueKeys(QUEUE).events(), StringCodec.INSTANCE)
        .getPendingInfo(ArchiveStreams.GROUP)
        .getConsumerNames()
        .getOrDefault(consumer, 0L);
  }

  private static JsonObject listedNode(ApiClient api, String id) {
    return json(api.get("api/queue/workers")).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(n -> n.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private record HistoryRow(String id, String state, int attempts, String worker) {}

  private static List<HistoryRow> history(List<String> ids) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select id::text, state, attempts, worker from task_history"
                    + " where id = any(?::uuid[])")) {
      query.setArray(1, connection.createArrayOf("text", ids.toArray()));
      List<HistoryRow> rows = new ArrayList<>();
      try (ResultSet r = query.executeQuery()) {
        while (r.next()) {
          rows.add(new HistoryRow(r.getString(1), r.getString(2), r.getInt(3), r.getString(4)));
        }
      }
      return rows;
    }
  }
}
