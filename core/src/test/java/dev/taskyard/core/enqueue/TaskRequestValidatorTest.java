package dev.taskyard.core.enqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.control.QueueSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskRequestValidatorTest {
  private static final int MAX_PAYLOAD_BYTES = 64;

  private final TaskRequestValidator validator = new TaskRequestValidator(MAX_PAYLOAD_BYTES);

  private static TaskRequest valid() {
    return TaskRequest.of("email.send", "{\"to\":\"a@example.com\"}");
  }

  @Test
  void fullySpecifiedValidRequestPasses() {
    TaskRequest request =
        valid()
            .withPriority(500)
            .withDelay(Duration.ofMinutes(5))
            .withMaxAttempts(5)
            .withTimeout(Duration.ofSeconds(30))
            .withIdempotencyKey("order-7:confirmation")
            .withCorrelationId("req-123");

    assertThatCode(() -> validator.check(request)).doesNotThrowAnyException();
  }

  @Test
  void requestWithRunAtInsteadOfDelayPasses() {
    TaskRequest request = valid().withRunAt(Instant.parse("2030-01-01T00:00:00Z"));

    assertThatCode(() -> validator.check(request)).doesNotThrowAnyException();
  }

  @Test
  void missingRequestIsRejected() {
    assertRejected(null, "task");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"   ", "send email", "email send", "-starts-with-dash", "tab\there", "nul\u0000"})
  void badTypeIsRejected(String type) {
    assertRejected(TaskRequest.of(type, "{}"), "type")
        .hasMessageContaining("1-200 letters, digits");
  }

  @Test
  void typeOf201CharactersIsRejected() {
    assertRejected(TaskRequest.of("t".repeat(201), "{}"), "type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "9", "email.send", "billing/invoice:v2", "a_b-c.d:e/f"})
  void typeOfAllowedCharactersPasses(String type) {
    assertThatCode(() -> validator.check(TaskRequest.of(type, "{}"))).doesNotThrowAnyException();
  }

  @Test
  void typeOf200CharactersPasses() {
    assertThatCode(() -> validator.check(TaskRequest.of("t".repeat(200), "{}")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"{not json", "{} {}"})
  void payloadThatIsNotOneJsonValueIsRejected(String payload) {
    assertRejected(TaskRequest.of("t", payload), "payload");
  }

  @Test
  void payloadOverTheByteLimitIsRejected() {
    String payload = "\"" + "\u00e9".repeat(MAX_PAYLOAD_BYTES / 2) + "\"";

    assertRejected(TaskRequest.of("t", payload), "payload")
        .hasMessageContaining("more than the limit of " + MAX_PAYLOAD_BYTES);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1001, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void priorityOutsideZeroToThousandIsRejected(int priority) {
    assertRejected(valid().withPriority(priority), "priority")
        .hasMessage("priority: must be 0-1000, was " + priority);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void priorityAtEitherBoundPasses(int priority) {
    assertThatCode(() -> validator.check(valid().withPriority(priority)))
        .doesNotThrowAnyException();
  }

  @Test
  void runAtTogetherWithDelayIsRejected() {
    TaskRequest request = valid().withRunAt(Instant.now()).withDelay(Duration.ofSeconds(1));

    assertRejected(request, "runAt").hasMessageContaining("not both");
  }

  @Test
  void negativeDelayIsRejected() {
    assertRejected(valid().withDelay(Duration.ofMillis(-1)), "delay");
  }

  @Test
  void zeroDelayPasses() {
    assertThatCode(() -> validator.check(valid().withDelay(Duration.ZERO)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001})
  void maxAttemptsOutsideOneToThousandIsRejected(int attempts) {
    assertRejected(valid().withMaxAttempts(attempts), "maxAttempts")
        .hasMessage("maxAttempts: must be 1-1000, was " + attempts);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000})
  void maxAttemptsAtEitherBoundPasses(int attempts) {
    assertThatCode(() -> validator.check(valid().withMaxAttempts(attempts)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(longs = {999, 0, -1000})
  void timeoutUnderOneSecondIsRejected(long millis) {
    assertRejected(valid().withTimeout(Duration.ofMillis(millis)), "timeout")
        .hasMessage("timeout: must be from 1000 ms to 3650 days, was " + millis + " ms");
  }

  @Test
  void durationsTooLongToStoreAreRejected() {
    Duration tooLong = QueueSettings.MAX_DURATION.plusMillis(1);
    assertRejected(valid().withTimeout(tooLong), "timeout");
    assertRejected(valid().withDelay(Duration.ofSeconds(Long.MAX_VALUE)), "delay");
    assertRejected(valid().withRunAt(java.time.Instant.MAX), "runAt");
    assertRejected(valid().withRunAt(TaskRequestValidator.LATEST_RUN_AT.plusMillis(1)), "runAt");
  }

  @Test
  void runAtOfExactlyTheLatestInstantIsRejectedAsItsMessageSays() {
    assertRejected(valid().withRunAt(TaskRequestValidator.LATEST_RUN_AT), "runAt")
        .hasMessage("runAt: must be before 2100-01-01T00:00:00Z");
    assertThatCode(
            () ->
                validator.check(
                    valid().withRunAt(TaskRequestValidator.LATEST_RUN_AT.minusMillis(1))))
        .doesNotThrowAnyException();
  }

  @Test
  void timeoutOfExactlyOneSecondPasses() {
    assertThatCode(() -> validator.check(valid().withTimeout(Duration.ofSeconds(1))))
        .doesNotThrowAnyException();
  }

  static Stream<Arguments> badKeys() {
    BiFunction<TaskRequest, String, TaskRequest> idempotencyKey = TaskRequest::withIdempotencyKey;
    BiFunction<TaskRequest, String, TaskRequest> correlationId = TaskRequest::withCorrelationId;
    return Stream.of(idempotencyKey, correlationId)
        .flatMap(
            with -> {
              String field = with == idempotencyKey ? "idempotencyKey" : "correlationId";
              return Stream.of("", "   ", "\t\n", "k".repeat(201))
                  .map(v -> Arguments.of(field, Named.of(describe(v), v), with));
            });
  }

  private static String describe(String value) {
    return value.length() > 10
        ? value.length() + " chars"
        : "'" + value.replace("\t", "\\t").replace("\n", "\\n") + "'";
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badKeys")
  void blankOrTooLongKeyIsRejectedNamingItsField(
      String field, String value, BiFunction<TaskRequest, String, TaskRequest> with) {
    assertRejected(with.apply(valid(), value), field)
        .hasMessage(field + ": must be 1-200 characters, not blank");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("keysWithControlCharacters")
  void keyWithAControlCharacterIsRejectedNamingItsField(
      String field, String value, BiFunction<TaskRequest, String, TaskRequest> with) {
    assertRejected(with.apply(valid(), value), field).hasMessageContaining("control characters");
  }

  static Stream<Arguments> keysWithControlCharacters() {
    BiFunction<TaskRequest, String, TaskRequest> idempotencyKey = TaskRequest::withIdempotencyKey;
    BiFunction<TaskRequest, String, TaskRequest> correlationId = TaskRequest::withCorrelationId;
    return Stream.of(idempotencyKey, correlationId)
        .flatMap(
            with -> {
              String field = with == idempotencyKey ? "idempotencyKey" : "correlationId";
              return Stream.of("a\u0000b", "a\tb", "line\n", "esc\u001b[0m", "c1\u0085")
                  .map(v -> Arguments.of(field, Named.of(escaped(v), v), with));
            });
  }

  private static String escaped(String value) {
    StringBuilder out = new StringBuilder();
    value
        .chars()
        .forEach(c -> out.append(c < 0x20 || c > 0x7e ? "\\u%04x".formatted(c) : (char) c));
    return out.toString();
  }

  @Test
  void keysOf200CharactersPass() {
    TaskRequest request =
        valid().withIdempotencyKey("i".repeat(200)).withCorrelationId("c".repeat(200));

    assertThatCode(() -> validator.check(request)).doesNotThrowAnyException();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      TaskRequest request, String field) {
    return assertThatThrownBy(() -> validator.check(request))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": ");
  }
}
