package dev.taskyard.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.enqueue.NotReplicatedException;
import dev.taskyard.core.enqueue.QueueFullException;
import dev.taskyard.core.task.IllegalTransitionException;
import dev.taskyard.core.task.TaskNotFoundException;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void badInputNamesTheFieldAlsoInErrors() {
    JsonObject json = Problem.badInput("tasks[3].payload", "is required").toJson();

    assertThat(json.getInt("status")).isEqualTo(400);
    assertThat(json.getString("field")).isEqualTo("tasks[3].payload");
    assertThat(json.getString("detail")).isEqualTo("is required");
    assertThat(json.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("tasks[3].payload");
  }

  @Test
  void retryAfterIsRoundedUpToWholeSecondsAndNeverZero() {
    assertThat(Problem.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Problem.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    assertThat(Problem.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(Problem.retryAfterSeconds(Duration.ofSeconds(5))).isEqualTo(5);
  }

  @Test
  void engineRefusalsMapToTheirStatus() {
    assertThat(
            TaskyardExceptionMapper.problem(new InvalidInputException("priority", "bad"))
                .toJson()
                .getString("field"))
        .isEqualTo("priority");
    assertThat(TaskyardExceptionMapper.problem(new TaskNotFoundException("q", "1")).status())
        .isEqualTo(404);
    assertThat(TaskyardExceptionMapper.problem(new IllegalTransitionException("no")).status())
        .isEqualTo(409);
    assertThat(TaskyardExceptionMapper.problem(new QueueFullException("q", 1)).status())
        .isEqualTo(503);
  }

  @Test
  void submitNoReplicaConfirmedIsA503ThatSaysTheOutcomeIsUnknown() {
    Problem problem =
        TaskyardExceptionMapper.problem(
            new NotReplicatedException("q", List.of("t1"), Duration.ofMillis(500)));

    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.toJson().getString("title")).isEqualTo("Not replicated");
    assertThat(problem.toJson().getString("detail"))
        .contains("no replica confirmed them within 500 ms")
        .contains("outcome is unknown");
  }

  @Test
  void bodiesJsonCouldNotReadAreFoundInTheCauseChain() {
    assertThat(
            UnreadableBodyExceptionMapper.isJson(
                new jakarta.ws.rs.ProcessingException(
                    "x", new jakarta.json.bind.JsonbException("bad"))))
        .isTrue();
    assertThat(
            UnreadableBodyExceptionMapper.isJson(
                new jakarta.ws.rs.ProcessingException("x", new IllegalStateException())))
        .isFalse();
  }
}
