package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.app.history.TaskCursor;
import dev.taskyard.app.history.TaskQuery;
import dev.taskyard.app.history.TaskSort;
import dev.taskyard.app.platform.BadParameterException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskQueryParametersTest {

  @Test
  void noParametersListTheNewestTasksFirst() {
    TaskQuery query = params(null, List.of(), null, null, null, null, null, null).toQuery();

    assertThat(query.sort()).isEqualTo(TaskSort.CREATED_AT);
    assertThat(query.ascending()).isFalse();
    assertThat(query.limit()).isEqualTo(TaskQueryParameters.DEFAULT_LIMIT);
    assertThat(query.states()).isEmpty();
    assertThat(query.after()).isEmpty();
  }

  @Test
  void statesMayRepeatOrBeListedWithCommas() {
    TaskQuery query =
        params(null, List.of("failed,expired", "CANCELLED"), null, null, null, null, null, null)
            .toQuery();

    assertThat(query.states()).containsExactlyInAnyOrder("FAILED", "EXPIRED", "CANCELLED");
  }

  @Test
  void everyBadParameterIsNamed() {
    assertBad("state", params(null, List.of("DONE"), null, null, null, null, null, null));
    assertBad("queue", params("bad queue!", List.of(), null, null, null, null, null, null));
    assertBad("from", params(null, List.of(), "yesterday", null, null, null, null, null));
    assertBad(
        "to",
        params(
            null,
            List.of(),
            "2026-01-02T00:00:00Z",
            "2026-01-01T00:00:00Z",
            null,
            null,
            null,
            null));
    assertBad("sort", params(null, List.of(), null, null, "id; drop table", null, null, null));
    assertBad("order", params(null, List.of(), null, null, null, "up", null, null));
    assertBad("limit", params(null, List.of(), null, null, null, null, "0", null));
    assertBad("limit", params(null, List.of(), null, null, null, null, "501", null));
    assertBad("limit", params(null, List.of(), null, null, null, null, "ten", null));
    assertBad("cursor", params(null, List.of(), null, null, null, null, null, "xyz"));
    assertBad(
        "q",
        new TaskQueryParameters(
            null, List.of(), null, null, null, "x".repeat(201), null, null, null, null, null));
    assertBad(
        "error",
        new TaskQueryParameters(
            null, List.of(), null, null, null, null, " ", null, null, null, null));
  }

  @Test
  void aCursorOnlyFitsTheSortItWasMadeFor() {
    String cursor = new TaskCursor(TaskSort.CREATED_AT, false, 1, UUID.randomUUID()).encode();

    assertThat(params(null, List.of(), null, null, null, null, null, cursor).toQuery().after())
        .isPresent();
    assertBad("cursor", params(null, List.of(), null, null, null, "asc", null, cursor));
  }

  @Test
  void theTimeRangeIsParsed() {
    TaskQuery query =
        params(
                null,
                List.of(),
                "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00Z",
                null,
                null,
                null,
                null)
            .toQuery();

    assertThat(query.from()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(query.to()).contains(Instant.parse("2026-01-02T00:00:00Z"));
  }

  private static TaskQueryParameters params(
      String queue,
      List<String> states,
      String from,
      String to,
      String sort,
      String order,
      String limit,
      String cursor) {
    return new TaskQueryParameters(
        queue, states, null, from, to, null, null, sort, order, limit, cursor);
  }

  private static void assertBad(String parameter, TaskQueryParameters params) {
    assertThatThrownBy(params::toQuery)
        .isInstanceOfSatisfying(
            BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
  }
}
