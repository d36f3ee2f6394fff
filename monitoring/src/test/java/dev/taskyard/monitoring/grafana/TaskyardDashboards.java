package dev.taskyard.monitoring.grafana;

import static dev.taskyard.monitoring.grafana.DashboardJson.Scope.NONE;
import static dev.taskyard.monitoring.grafana.DashboardJson.Scope.QUEUE_LABEL;
import static dev.taskyard.monitoring.grafana.DashboardJson.Scope.QUEUE_VARIABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskyard.monitoring.grafana.DashboardJson.Query;
import dev.taskyard.monitoring.grafana.DashboardJson.Red;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Taskyard's four dashboards, over the exporter's metrics (the raw series, not recording rules, so
 * the dashboards work with any Prometheus that scrapes the exporter). Run {@link #main} from the
 * repository's root after a change; {@code DashboardsTest} fails while the committed files differ.
 */
public final class TaskyardDashboards {
  static final String OVERVIEW_UID = "taskyard-overview";
  static final String QUEUE_UID = "taskyard-queue";
  static final String WORKERS_UID = "taskyard-workers";
  static final String EXPORTER_UID = "taskyard-exporter";

  /** Where the committed dashboards live, relative to the repository's root. */
  public static final Path DIRECTORY = Path.of("grafana", "dashboards");

  /** The window of error ratios and percentiles: the one the alert rules judge them over. */
  private static final String ALERT_WINDOW = "5m";

  private static final String RATE = "$__rate_interval";
  private static final String ONE_QUEUE = "queue=\"$queue\"";

  private TaskyardDashboards() {}

  /** Writes every dashboard into {@code grafana/dashboards} under the current directory. */
  public static void main(String[] args) throws Exception {
    Path directory = args.length > 0 ? Path.of(args[0]) : DIRECTORY;
    Files.createDirectories(directory);
    for (Map.Entry<String, ObjectNode> dashboard : all().entrySet()) {
      Files.writeString(
          directory.resolve(dashboard.getKey()),
          DashboardJson.text(dashboard.getValue()),
          StandardCharsets.UTF_8);
    }
  }

  /** Every dashboard by its file name. */
  static Map<String, ObjectNode> all() {
    Map<String, ObjectNode> dashboards = new LinkedHashMap<>();
    dashboards.put("taskyard-overview.json", overview());
    dashboards.put("taskyard-queue.json", queue());
    dashboards.put("taskyard-workers.json", workers());
    dashboards.put("taskyard-exporter.json", exporter());
    return dashboards;
  }

  private static ObjectNode overview() {
    return DashboardJson.allQueues(
            OVERVIEW_UID,
            "Taskyard / Overview",
            "Every queue at a glance; click a queue's series for its console page or its dashboard.")
        .row("Now")
        .stat(
            "Queued",
            "Tasks waiting for a worker, all queues.",
            "short",
            NONE,
            null,
            q("sum(taskyard_tasks{state=\"queued\"})", "queued"))
        .stat(
            "Running",
            "Tasks leased to a worker, all queues.",
            "short",
            NONE,
            null,
            q("sum(taskyard_tasks{state=\"running\"})", "running"))
        .stat(
            "Dead letters",
            "Tasks that used up their attempts, all queues: replay them from the console.",
            "short",
            NONE,
            Red.from(1),
            q("sum(taskyard_tasks{state=\"dead\"})", "dead"))
        .stat(
            "Worker nodes",
            "Live worker nodes (app nodes with a recent heartbeat).",
            "short",
            NONE,
            Red.below(1),
            q("max(taskyard_worker_nodes)", "nodes"))
        .stat(
            "Worker threads busy",
            "Share of all worker threads running a task.",
            "percentunit",
            NONE,
            null,
            q("sum(taskyard_worker_threads_busy) / sum(taskyard_worker_threads)", "busy"))
        .stat(
            "Firing alerts",
            "Prometheus alerts firing now, all queues and the platform.",
            "short",
            NONE,
            Red.from(1),
            q("count(ALERTS{alertstate=\"firing\"}) or vector(0)", "firing"))
        .row("Depth and throughput")
        .timeseries(
            "Queued tasks by queue",
            "Tasks waiting for a worker.",
            "short",
            QUEUE_LABEL,
            q("sum by (queue) (taskyard_tasks{state=\"queued\"})", "{{queue}}"))
        .timeseries(
            "Tasks by state",
            "Live tasks of all queues by state.",
            "short",
            NONE,
            q("sum by (state) (taskyard_tasks)", "{{state}}"))
        .timeseries(
            "Succeeded per second by queue",
            "Attempts that succeeded.",
            "ops",
            QUEUE_LABEL,
            q(sumByQueue(rate("taskyard_tasks_succeeded_total", "", RATE)), "{{queue}}"))
        .timeseries(
            "Failed attempts per second by queue",
            "Attempts that failed; each is then retried or dead-lettered.",
            "ops",
            QUEUE_LABEL,
            q(sumByQueue(rate("taskyard_tasks_failed_total", "", RATE)), "{{queue}}"))
        .timeseries(
            "Error ratio by queue",
            "Failed attempts out of finished ones over 5 minutes, as the failure-ratio alert"
                + " counts them; no value while nothing finished.",
            "percentunit",
            QUEUE_LABEL,
            q(errorRatio(true), "{{queue}}"))
        .timeseries(
            "Oldest queued task by queue",
            "How long the oldest queued task has waited; 0 when none is queued.",
            "s",
            QUEUE_LABEL,
            q("max by (queue) (taskyard_queue_oldest_task_age_seconds)", "{{queue}}"))
        .row("Duration and wait")
        .timeseries(
            "Task duration p95 by queue",
            "95th percentile of finished attempts' duration over 5 minutes, cluster-wide.",
            "s",
            QUEUE_LABEL,
            q(quantile("0.95", "taskyard_task_duration_seconds", "queue, ", ""), "{{queue}}"))
        .timeseries(
            "Wait p95 by queue",
            "95th percentile of the time from queued to started over 5 minutes.",
            "s",
            QUEUE_LABEL,
            q(quantile("0.95", "taskyard_task_wait_seconds", "queue, ", ""), "{{queue}}"))
        .row("History and schedules")
        .timeseries(
            "Archive lag by queue",
            "Age of the oldest history entry not yet written to PostgreSQL; 0 when none.",
            "s",
            QUEUE_LABEL,
            q("max by (queue) (taskyard_archive_oldest_pending_age_seconds)", "{{queue}}"))
        .timeseries(
            "Schedule lag by queue",
            "How late each schedule's next fire is; 0 while it is not due.",
            "s",
            QUEUE_LABEL,
            q(
                "max by (queue, schedule) (taskyard_schedule_lag_seconds)",
                "{{queue}} / {{schedule}}"))
        .row("Alerts")
        .table(
            "Alerts firing now",
            "Prometheus alerts firing now; the queue column names the queue of a queue's alert.",
            "none",
            NONE,
            q("ALERTS{alertstate=\"firing\"}", ""))
        .build();
  }

  private static ObjectNode queue() {
    return DashboardJson.oneQueue(
            QUEUE_UID,
            "Taskyard / Queue",
            "One queue in depth; every panel links to the queue's page in the console.")
        .row("Now")
        .stat(
            "Queued",
            "Tasks waiting for a worker.",
            "short",
            QUEUE_VARIABLE,
            null,
            q("sum(taskyard_tasks{" + ONE_QUEUE + ", state=\"queued\"})", "queued"))
        .stat(
            "Running",
            "Tasks leased to a worker.",
            "short",
            QUEUE_VARIABLE,
            null,
            q("sum(taskyard_tasks{" + ONE_QUEUE + ", state=\"running\"})", "running"))
        .stat(
            "Dead letters",
            "Tasks that used up their attempts: replay them from the console.",
            "short",
            QUEUE_VARIABLE,
            Red.from(1),
            q("sum(taskyard_tasks{" + ONE_QUEUE + ", state=\"dead\"})", "dead"))
        .stat(
            "Oldest queued task",
            "How long the oldest queued task has waited.",
            "s",
            QUEUE_VARIABLE,
            null,
            q(max("taskyard_queue_oldest_task_age_seconds"), "age"))
        .stat(
            "Paused",
            "Whether the queue is paused: nothing is claimed from it.",
            "bool_yes_no",
            QUEUE_VARIABLE,
            Red.from(1),
            q(max("taskyard_queue_paused"), "paused"))
        .stat(
            "Firing alerts",
            "Prometheus alerts firing now for this queue.",
            "short",
            QUEUE_VARIABLE,
            Red.from(1),
            q("count(ALERTS{alertstate=\"firing\", " + ONE_QUEUE + "}) or vector(0)", "firing"))
        .row("Depth and throughput")
        .timeseries(
            "Tasks by state",
            "Live tasks by state.",
            "short",
            QUEUE_VARIABLE,
            q("sum by (state) (taskyard_tasks{" + ONE_QUEUE + "})", "{{state}}"))
        .timeseries(
            "Throughput",
            "Tasks a second: enqueued, attempts that succeeded or failed, and what followed.",
            "ops",
            QUEUE_VARIABLE,
            q(sum(rate("taskyard_tasks_enqueued_total", ONE_QUEUE, RATE)), "enqueued"),
            q(sum(rate("taskyard_tasks_succeeded_total", ONE_QUEUE, RATE)), "succeeded"),
            q(sum(rate("taskyard_tasks_failed_total", ONE_QUEUE, RATE)), "failed"),
            q(sum(rate("taskyard_tasks_retried_total", ONE_QUEUE, RATE)), "retried"),
            q(sum(rate("taskyard_tasks_dead_lettered_total", ONE_QUEUE, RATE)), "dead-lettered"),
            q(sum(rate("taskyard_tasks_cancelled_total", ONE_QUEUE, RATE)), "cancelled"),
            q(sum(rate("taskyard_tasks_replayed_total", ONE_QUEUE, RATE)), "replayed"))
        .timeseries(
            "Queued tasks vs threshold",
            "Queued tasks and the queue's maximum (its setting; 0 = no limit).",
            "short",
            QUEUE_VARIABLE,
            q("sum(taskyard_tasks{" + ONE_QUEUE + ", state=\"queued\"})", "queued"),
            q(max("taskyard_queue_threshold_max_queued"), "threshold (0 = none)"))
        .timeseries(
            "Oldest queued task vs threshold",
            "Age of the oldest queued task and the queue's maximum (0 = no limit).",
            "s",
            QUEUE_VARIABLE,
            q(max("taskyard_queue_oldest_task_age_seconds"), "oldest"),
            q(max("taskyard_queue_threshold_max_oldest_age_seconds"), "threshold (0 = none)"))
        .timeseries(
            "Error ratio vs threshold",
            "Failed attempts out of finished ones over 5 minutes, as the failure-ratio alert"
                + " counts them, and the queue's maximum (0 = no limit).",
            "percentunit",
            QUEUE_VARIABLE,
            q(errorRatio(false), "error ratio"),
            q(max("taskyard_queue_threshold_max_failure_ratio"), "threshold (0 = none)"))
        .timeseries(
            "Losses",
            "Expired leases (a worker died or overran), dead letters deleted by retention, and"
                + " records Redis evicted before they ran (never expected: see maxmemory-policy).",
            "short",
            QUEUE_VARIABLE,
            q(sum(increase("taskyard_leases_expired_total", ONE_QUEUE)), "leases expired"),
            q(
                sum(increase("taskyard_dead_letters_trimmed_total", ONE_QUEUE)),
                "dead letters trimmed"),
            q(sum(increase("taskyard_records_lost_total", ONE_QUEUE)), "records lost"))
        .row("Duration and wait")
        .timeseries(
            "Task duration",
            "Percentiles of finished attempts' duration over 5 minutes, cluster-wide; the p95"
                + " alert fires above 0.8 x the queue's lease timeout.",
            "s",
            QUEUE_VARIABLE,
            q(quantile("0.50", "taskyard_task_duration_seconds", "", ONE_QUEUE), "p50"),
            q(quantile("0.95", "taskyard_task_duration_seconds", "", ONE_QUEUE), "p95"),
            q(quantile("0.99", "taskyard_task_duration_seconds", "", ONE_QUEUE), "p99"),
            q("0.8 * " + max("taskyard_queue_timeout_seconds"), "p95 alert level"))
        .timeseries(
            "Wait before start",
            "Percentiles of the time from queued to started over 5 minutes.",
            "s",
            QUEUE_VARIABLE,
            q(quantile("0.50", "taskyard_task_wait_seconds", "", ONE_QUEUE), "p50"),
            q(quantile("0.95", "taskyard_task_wait_seconds", "", ONE_QUEUE), "p95"),
            q(quantile("0.99", "taskyard_task_wait_seconds", "", ONE_QUEUE), "p99"))
        .row("Workers, history and schedules")
        .timeseries(
            "Worker threads",
            "Worker threads serving the queue on live nodes, and how many run a task.",
            "short",
            QUEUE_VARIABLE,
            q(sum("taskyard_worker_threads{" + ONE_QUEUE + "}"), "total"),
            q(sum("taskyard_worker_threads_busy{" + ONE_QUEUE + "}"), "busy"))
        .timeseries(
            "Schedule lag",
            "How late each schedule's next fire is; 0 while it is not due.",
            "s",
            QUEUE_VARIABLE,
            q(
                "max by (schedule) (taskyard_schedule_lag_seconds{" + ONE_QUEUE + "})",
                "{{schedule}}"))
        .timeseries(
            "Archive lag",
            "Age of the oldest history entry not yet written to PostgreSQL; 0 when none.",
            "s",
            QUEUE_VARIABLE,
            q(max("taskyard_archive_oldest_pending_age_seconds"), "oldest pending"))
        .timeseries(
            "Archive backlog",
            "History entries not yet archived, and entries set aside (quarantined) or trimmed"
                + " before they were archived.",
            "short",
            QUEUE_VARIABLE,
            q(sum("taskyard_archive_pending{" + ONE_QUEUE + "}"), "pending"),
            q(sum(increase("taskyard_archive_quarantined_total", ONE_QUEUE)), "quarantined"),
            q(sum(increase("taskyard_archive_dropped_total", ONE_QUEUE)), "dropped"))
        .row("Alerts")
        .table(
            "Alerts firing now",
            "Prometheus alerts firing now for this queue.",
            "none",
            QUEUE_VARIABLE,
            q("ALERTS{alertstate=\"firing\", " + ONE_QUEUE + "}", ""))
        .build();
  }

  private static ObjectNode workers() {
    return DashboardJson.allQueues(
            WORKERS_UID,
            "Taskyard / Workers",
            "Worker nodes and threads: whether every queue with work is served, and how busy.")
        .row("Now")
        .stat(
            "Worker nodes",
            "Live worker nodes (app nodes with a recent heartbeat).",
            "short",
            NONE,
            Red.below(1),
            q("max(taskyard_worker_nodes)", "nodes"))
        .stat(
            "App nodes up",
            "App nodes Prometheus scrapes successfully (job taskyard-app).",
            "short",
            NONE,
            Red.below(1),
            q("sum(up{job=\"taskyard-app\"})", "up"))
        .stat(
            "Worker threads",
            "Worker threads on live nodes, all queues.",
            "short",
            NONE,
            null,
            q("sum(taskyard_worker_threads)", "threads"))
        .stat(
            "Busy threads",
            "Worker threads running a task, all queues.",
            "short",
            NONE,
            null,
            q("sum(taskyard_worker_threads_busy)", "busy"))
        .stat(
            "Utilisation",
            "Share of all worker threads running a task.",
            "percentunit",
            NONE,
            null,
            q("sum(taskyard_worker_threads_busy) / sum(taskyard_worker_threads)", "busy"))
        .stat(
            "Queues with work and no workers",
            "Queues with queued tasks and no worker thread serving them.",
            "short",
            NONE,
            Red.from(1),
            q(
                "count(sum by (queue) (taskyard_tasks{state=\"queued\"}) > 0"
                    + " unless on (queue) sum by (queue) (taskyard_worker_threads) > 0)"
                    + " or vector(0)",
                "queues"))
        .row("By queue")
        .timeseries(
            "Worker threads by queue",
            "Worker threads on live nodes serving each queue.",
            "short",
            QUEUE_LABEL,
            q("sum by (queue) (taskyard_worker_threads)", "{{queue}}"))
        .timeseries(
            "Busy threads by queue",
            "Worker threads running a task of each queue.",
            "short",
            QUEUE_LABEL,
            q("sum by (queue) (taskyard_worker_threads_busy)", "{{queue}}"))
        .timeseries(
            "Utilisation by queue",
            "Share of each queue's worker threads running a task (queues with threads); near"
                + " 100% with a growing backlog means the queue needs more threads.",
            "percentunit",
            QUEUE_LABEL,
            q(
                "sum by (queue) (taskyard_worker_threads_busy)"
                    + " / (sum by (queue) (taskyard_worker_threads) > 0)",
                "{{queue}}"))
        .timeseries(
            "Queued tasks per worker thread",
            "Backlog each thread of a queue has before it: how far scaling would help. Queues"
                + " without threads are counted in \"Queues with work and no workers\".",
            "short",
            QUEUE_LABEL,
            q(
                "sum by (queue) (taskyard_tasks{state=\"queued\"})"
                    + " / (sum by (queue) (taskyard_worker_threads) > 0)",
                "{{queue}}"))
        .timeseries(
            "Expired leases by queue",
            "Tasks whose worker stopped extending its lease (the node died or the task overran"
                + " its timeout); they go back to the queue.",
            "short",
            QUEUE_LABEL,
            q(sumByQueue(increase("taskyard_leases_expired_total", "")), "{{queue}}"))
        .timeseries(
            "Worker nodes and app nodes up",
            "Live worker nodes in Redis, and app nodes Prometheus reaches.",
            "short",
            NONE,
            q("max(taskyard_worker_nodes)", "worker nodes"),
            q("sum(up{job=\"taskyard-app\"})", "app nodes up"))
        .build();
  }

  private static ObjectNode exporter() {
    return DashboardJson.allQueues(
            EXPORTER_UID,
            "Taskyard / Exporter",
            "The exporter's own health: whether Prometheus reaches it, whether it reads Redis, and"
                + " what a scrape costs.")
        .row("Now")
        .stat(
            "Exporter up",
            "Prometheus scrapes the exporter (job taskyard-exporter).",
            "bool_yes_no",
            NONE,
            Red.below(1),
            q("min(up{job=\"taskyard-exporter\"})", "up"))
        .stat(
            "Redis up",
            "Redis answered the exporter's last collection.",
            "bool_yes_no",
            NONE,
            Red.below(1),
            q("min(taskyard_redis_up)", "redis"))
        .stat(
            "Last collection complete",
            "The exporter's last collection read Redis fully.",
            "bool_yes_no",
            NONE,
            Red.below(1),
            q("min(taskyard_exporter_scrape_success)", "success"))
        .stat(
            "App up",
            "Prometheus scrapes every app node (job taskyard-app).",
            "bool_yes_no",
            NONE,
            Red.below(1),
            q("min(up{job=\"taskyard-app\"})", "up"))
        .stat(
            "Collection time",
            "How long the exporter's last collection of every queue took.",
            "s",
            NONE,
            null,
            q("max(taskyard_exporter_scrape_duration_seconds)", "collection"))
        .stat(
            "Series per scrape",
            "Samples in one scrape of the exporter: grows with queues, never with tasks.",
            "short",
            NONE,
            null,
            q("max(scrape_samples_scraped{job=\"taskyard-exporter\"})", "samples"))
        .row("Over time")
        .timeseries(
            "Collection and scrape time",
            "The exporter's own collection time, and the whole scrape as Prometheus timed it.",
            "s",
            NONE,
            q("max(taskyard_exporter_scrape_duration_seconds)", "collection"),
            q("max(scrape_duration_seconds{job=\"taskyard-exporter\"})", "scrape"))
        .timeseries(
            "Up",
            "1 = up: the exporter and app targets, Redis as the exporter sees it, and whether"
                + " its collections are complete.",
            "short",
            NONE,
            q("up{job=~\"taskyard-exporter|taskyard-app\"}", "{{job}} {{instance}}"),
            q("min(taskyard_redis_up)", "redis"),
            q("min(taskyard_exporter_scrape_success)", "collection complete"))
        .timeseries(
            "Samples per scrape",
            "Samples in one scrape of the exporter.",
            "short",
            NONE,
            q("max(scrape_samples_scraped{job=\"taskyard-exporter\"})", "samples"))
        .timeseries(
            "Queues exported",
            "Queues the exporter publishes.",
            "short",
            NONE,
            q("count(count by (queue) (taskyard_tasks))", "queues"))
        .row("Build")
        .table(
            "Exporter build",
            "The exporter's version on each instance.",
            "none",
            NONE,
            q("taskyard_exporter_build_info", ""))
        .build();
  }

  private static Query q(String expr, String legend) {
    return new Query(expr, legend);
  }

  private static String rate(String counter, String selector, String window) {
    return "rate(" + select(counter, selector) + "[" + window + "])";
  }

  private static String increase(String counter, String selector) {
    return "increase(" + select(counter, selector) + "[" + RATE + "])";
  }

  private static String select(String metric, String selector) {
    return selector.isEmpty() ? metric : metric + "{" + selector + "}";
  }

  private static String sum(String expr) {
    return "sum(" + expr + ")";
  }

  private static String sumByQueue(String expr) {
    return "sum by (queue) (" + expr + ")";
  }

  /** The largest value of a per-queue gauge for {@code $queue} (one exporter or several). */
  private static String max(String gauge) {
    return "max(" + gauge + "{" + ONE_QUEUE + "})";
  }

  /** Failed attempts out of finished ones, of all queues by queue or of {@code $queue}. */
  private static String errorRatio(boolean byQueue) {
    String selector = byQueue ? "" : ONE_QUEUE;
    String failed = rate("taskyard_tasks_failed_total", selector, ALERT_WINDOW);
    String succeeded = rate("taskyard_tasks_succeeded_total", selector, ALERT_WINDOW);
    String sum = byQueue ? "sum by (queue) (" : "sum(";
    return sum + failed + ") / (" + sum + failed + ") + " + sum + succeeded + "))";
  }

  /** A percentile of a histogram over the alert window, grouped by {@code by} and {@code le}. */
  private static String quantile(String q, String histogram, String by, String selector) {
    return "histogram_quantile("
        + q
        + ", sum by ("
        + by
        + "le) ("
        + rate(histogram + "_bucket", selector, ALERT_WINDOW)
        + "))";
  }
}
