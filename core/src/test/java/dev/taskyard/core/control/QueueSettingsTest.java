package dev.taskyard.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.redis.LuaScript;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class QueueSettingsTest {
  private static final QueueSettings DEFAULTS = QueueSettings.defaults();

  @Test
  void defaultsAreValidAndAsDocumented() {
    QueueSettings d = QueueSettings.defaults();

    assertThat(d.defaultPriority()).isZero();
    assertThat(d.maxAttempts()).isEqualTo(3);
    assertThat(d.backoffBase()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.backoffCap()).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.backoffJitter()).isEqualTo(0.5);
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.capacity()).isZero();
    assertThat(d.maxConcurrency()).isZero();
    assertThat(d.retention()).isEqualTo(Duration.ofDays(1));
    assertThat(d.idempotencyTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(d.workers()).isEqualTo(WorkerScaling.defaults());
    // Re-validating the same values through the canonical constructor must not throw either.
    assertThatCode(() -> QueueSettings.fromHash(d.toHash())).doesNotThrowAnyException();
  }

  static Stream<Arguments> invalid() {
    Duration s1 = Duration.ofSeconds(1);
    Duration m5 = Duration.ofMinutes(5);
    return Stream.of(
        bad("defaultPriority", "-1", s -> s.withDefaultPriority(-1)),
        bad("defaultPriority", "1001", s -> s.withDefaultPriority(1001)),
        bad("maxAttempts", "0", s -> s.withMaxAttempts(0)),
        bad("maxAttempts", "1001", s -> s.withMaxAttempts(1001)),
        bad("backoffBase", "-1 ms", s -> s.withBackoff(Duration.ofMillis(-1), m5, 0.5)),
        bad("backoffBase", "null", s -> s.withBackoff(null, m5, 0.5)),
        bad("backoffCap", "below base", s -> s.withBackoff(s1, Duration.ofMillis(999), 0.5)),
        bad("backoffCap", "null", s -> s.withBackoff(s1, null, 0.5)),
        bad("backoffJitter", "-0.01", s -> s.withBackoff(s1, m5, -0.01)),
        bad("backoffJitter", "1.01", s -> s.withBackoff(s1, m5, 1.01)),
        bad("backoffJitter", "NaN", s -> s.withBackoff(s1, m5, Double.NaN)),
        bad("backoffJitter", "Infinity", s -> s.withBackoff(s1, m5, Double.POSITIVE_INFINITY)),
        bad("timeout", "999 ms", s -> s.withTimeout(Duration.ofMillis(999))),
        bad("timeout", "zero", s -> s.withTimeout(Duration.ZERO)),
        bad("timeout", "null", s -> s.withTimeout(null)),
        bad("capacity", "-1", s -> s.withCapacity(-1)),
        bad("maxConcurrency", "-1", s -> s.withMaxConcurrency(-1)),
        bad("retention", "-1 ms", s -> s.withRetention(Duration.ofMillis(-1))),
        bad("retention", "null", s -> s.withRetention(null)),
        bad("idempotencyTtl", "zero", s -> s.withIdempotencyTtl(Duration.ZERO)),
        bad("idempotencyTtl", "under 1 ms", s -> s.withIdempotencyTtl(Duration.ofNanos(999_999))),
        bad("idempotencyTtl", "null", s -> s.withIdempotencyTtl(null)),
        bad("workers", "null", s -> s.withWorkers(null)));
  }

  private static Arguments bad(String field, String value, UnaryOperator<QueueSettings> change) {
    return Arguments.of(field, named(value, change));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalid")
  void invalidValueIsRejectedNamingItsField(String field, UnaryOperator<QueueSettings> change) {
    assertThatThrownBy(() -> change.apply(DEFAULTS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": must ");
  }

  static Stream<Arguments> boundaries() {
    Duration s1 = Duration.ofSeconds(1);
    return Stream.of(
        ok("defaultPriority 0", s -> s.withDefaultPriority(0)),
        ok("defaultPriority 1000", s -> s.withDefaultPriority(1000)),
        ok("maxAttempts 1", s -> s.withMaxAttempts(1)),
        ok("maxAttempts 1000", s -> s.withMaxAttempts(1000)),
        ok("zero backoff", s -> s.withBackoff(Duration.ZERO, Duration.ZERO, 0)),
        ok("cap equal to base", s -> s.withBackoff(s1, s1, 0.5)),
        ok("jitter 0", s -> s.withBackoff(s1, s1, 0)),
        ok("jitter 1", s -> s.withBackoff(s1, s1, 1)),
        ok("timeout 1 s", s -> s.withTimeout(s1)),
        ok("capacity 0", s -> s.withCapacity(0)),
        ok("maxConcurrency 0", s -> s.withMaxConcurrency(0)),
        ok("retention 0", s -> s.withRetention(Duration.ZERO)),
        ok("idempotencyTtl 1 ms", s -> s.withIdempotencyTtl(Duration.ofMillis(1))));
  }

  private static Arguments ok(String name, UnaryOperator<QueueSettings> change) {
    return Arguments.of(named(name, change));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("boundaries")
  void valueOnTheBoundaryIsAccepted(UnaryOperator<QueueSettings> change) {
    assertThatCode(() -> change.apply(DEFAULTS)).doesNotThrowAnyException();
  }

  @Test
  void withChangesOnlyTheNamedSetting() {
    QueueSettings changed = DEFAULTS.withCapacity(10);

    assertThat(changed.capacity()).isEqualTo(10);
    assertThat(changed.withCapacity(DEFAULTS.capacity())).isEqualTo(DEFAULTS);
  }

  @Test
  void defaultsSurviveTheConfigHash() {
    assertThat(QueueSettings.fromHash(DEFAULTS.toHash())).isEqualTo(DEFAULTS);
  }

  @Test
  void everySettingSurvivesTheConfigHash() {
    QueueSettings custom =
        new QueueSettings(
            750,
            12,
            Duration.ofMillis(250),
            Duration.ofMinutes(30),
            0.125,
            Duration.ofMillis(45_500),
            10_000_000_000L,
            64,
            Duration.ofDays(7),
            Duration.ofHours(2),
            12.5,
            new BacklogThresholds(100, Duration.ofMinutes(3), 0.2, Duration.ofMinutes(10)),
            new WorkerScaling(6, 2, 40, 25, Duration.ofSeconds(90)),
            new DeadLetterRetention(Duration.ofHours(36), 500));

    Map<String, String> hash = custom.toHash();

    assertThat(QueueSettings.fromHash(hash)).isEqualTo(custom);
    assertThat(hash)
        .containsEntry("defaultPriority", "750")
        .containsEntry("rateLimit", "12.5")
        .containsEntry("alertMaxQueued", "100")
        .containsEntry("alertMaxOldestAgeMs", "180000")
        .containsEntry("backoffBaseMs", "250")
        .containsEntry("timeoutMs", "45500")
        .containsEntry("capacity", "10000000000")
        .containsEntry("retentionMs", Long.toString(Duration.ofDays(7).toMillis()))
        .containsEntry("workerThreads", "6")
        .containsEntry("workerMaxThreads", "40")
        .containsEntry("workerScaleDownCooldownMs", "90000")
        .containsEntry("deadMaxAgeMs", Long.toString(Duration.ofHours(36).toMillis()))
        .containsEntry("deadMaxCount", "500");
  }

  @Test
  void aQueueStoredBeforeDeadLettersHadARetentionReadsTheDefault() {
    Map<String, String> hash = new HashMap<>(DEFAULTS.toHash());
    hash.remove("deadMaxAgeMs");
    hash.remove("deadMaxCount");

    assertThat(QueueSettings.fromHash(hash).deadLetters()).isEqualTo(DeadLetterRetention.DEFAULT);
  }

  @Test
  void deadLettersAreKeptAWeekAndAHundredThousandAtMostByDefault() {
    assertThat(DEFAULTS.deadLetters())
        .isEqualTo(new DeadLetterRetention(Duration.ofDays(7), 100_000));
  }

  @Test
  void aNegativeDeadLetterCountIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new DeadLetterRetention(Duration.ofDays(1), -1))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("deadLetters.maxCount"));
  }

  @Test
  void aNegativeDeadLetterAgeIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new DeadLetterRetention(Duration.ofMillis(-1), 10))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("deadLetters.maxAge"));
  }

  @Test
  void pausedFlagInTheConfigHashDoesNotDisturbReadingIt() {
    Map<String, String> hash = new HashMap<>(DEFAULTS.toHash());
    hash.put("paused", "1");

    assertThat(QueueSettings.fromHash(hash)).isEqualTo(DEFAULTS);
  }

  @Test
  void invalidConfigHashIsRejectedWhenRead() {
    Map<String, String> hash = new HashMap<>(DEFAULTS.toHash());
    hash.put("maxAttempts", "0");

    assertThatThrownBy(() -> QueueSettings.fromHash(hash))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("maxAttempts"));
  }

  private static final Pattern HEADER = Pattern.compile("(?s)--\\[\\[(.*?)]]");
  private static final Pattern CONFIG_KEY = Pattern.compile("KEYS\\[(\\d+)] config hash");
  private static final Pattern CONFIG_READ =
      Pattern.compile("rcall\\('HM?GET', KEYS\\[(\\d+)],([^)]*)\\)");
  private static final Pattern QUOTED = Pattern.compile("'(\\w+)'");

  /** The scripts read the config hash by field name; every name they read must be written. */
  @ParameterizedTest
  @EnumSource(LuaScript.class)
  void configHashHoldsEveryFieldTheScriptsRead(LuaScript script) {
    Matcher header = HEADER.matcher(script.source());
    assertThat(header.find()).as("header of %s", script).isTrue();
    Matcher configKey = CONFIG_KEY.matcher(header.group(1));
    String configIndex = configKey.find() ? configKey.group(1) : null;

    Set<String> read = new TreeSet<>();
    Matcher m = CONFIG_READ.matcher(script.source());
    while (m.find()) {
      if (m.group(1).equals(configIndex)) {
        Matcher names = QUOTED.matcher(m.group(2));
        while (names.find()) {
          read.add(names.group(1));
        }
      }
    }
    read.remove("paused"); // written by QueueRegistry and QueueAdmin.pause, not a setting
    read.remove("pausedBeforeDelete"); // kept by deleteQueue while it deletes, not a setting

    assertThat(DEFAULTS.toHash().keySet()).containsAll(read);
  }

  @Test
  void scriptsReadTheConfigHash() {
    // Guards the test above against silently matching nothing.
    assertThat(LuaScript.SUBMIT_TASKS.source())
        .contains("'defaultPriority', 'maxAttempts', 'timeoutMs', 'capacity',");
    assertThat(CONFIG_READ.matcher(LuaScript.FAIL_TASKS.source()).find()).isTrue();
  }

  @Test
  void durationsTooLongToStoreAreRejected() {
    Duration tooLong = QueueSettings.MAX_DURATION.plusMillis(1);
    QueueSettings d = QueueSettings.defaults();
    assertThatThrownBy(() -> d.withRetention(tooLong))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("retention: must be from 0 ms to 3650 days");
    assertThatThrownBy(() -> d.withIdempotencyTtl(tooLong))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("idempotencyTtl");
    assertThatThrownBy(() -> d.withBackoff(Duration.ZERO, tooLong, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("backoffCap");
    assertThatThrownBy(() -> d.withTimeout(tooLong))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("timeout");
  }
}
