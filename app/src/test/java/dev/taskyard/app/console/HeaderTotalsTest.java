package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.queues.QueueWorkers;
import dev.taskyard.core.stats.QueueStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderTotalsTest {

  private static QueueStatus status(String queue, long queued, long running, long dead) {
    return new QueueStatus(
        queue,
        queued,
        0,
        0,
        running,
        dead,
        false,
        Optional.empty(),
        new QueueStatus.Totals(0, 7, 2, 0, 0, 0, 0, 0, 0, 0),
        Instant.EPOCH);
  }

  @Test
  void theTotalsAddUpEveryQueueAndTheOpenAlerts() {
    HeaderTotals.Tracker tracker = new HeaderTotals.Tracker();

    HeaderTotals totals =
        tracker.update(
            List.of(status("a", 3, 1, 0), status("b", 4, 2, 5)), true, Map.of("a", 2, "c", 1));

    assertThat(totals).isEqualTo(new HeaderTotals(7, 3, 5, 3));
  }

  @Test
  void anUpdateOfSomeQueuesKeepsTheOthersAndAFullOneDropsTheGone() {
    HeaderTotals.Tracker tracker = new HeaderTotals.Tracker();
    tracker.update(List.of(status("a", 3, 1, 0), status("b", 4, 2, 5)), true, Map.of());

    assertThat(tracker.update(List.of(status("a", 10, 0, 0)), false, Map.of()))
        .isEqualTo(new HeaderTotals(14, 2, 5, 0));
    assertThat(tracker.update(List.of(status("a", 10, 0, 0)), true, Map.of()))
        .isEqualTo(new HeaderTotals(10, 0, 0, 0));
  }

  @Test
  void aLiveUpdateCarriesEachQueuesOutcomesAndAlertsAndTheTotals() {
    JsonObject message =
        Json.createReader(
                new StringReader(
                    LiveFeed.message(
                        List.of(status("a", 3, 1, 0)),
                        Map.of("a", new QueueWorkers(1, 4, 1)),
                        Map.of("a", 2),
                        new HeaderTotals(3, 1, 0, 2),
                        false)))
            .readObject();

    JsonObject queue = message.getJsonArray("queues").getJsonObject(0);
    assertThat(queue.getInt("succeeded")).isEqualTo(7);
    assertThat(queue.getInt("failed")).isEqualTo(2);
    assertThat(queue.getInt("alerts")).isEqualTo(2);
    assertThat(message.getJsonObject("totals").getInt("queued")).isEqualTo(3);
    assertThat(message.getJsonObject("totals").getInt("openAlerts")).isEqualTo(2);
  }
}
