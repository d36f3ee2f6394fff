package dev.taskyard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditEntryTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, succeeded",
    "201, succeeded",
    "204, succeeded",
    "302, succeeded",
    "400, refused",
    "403, refused",
    "404, refused",
    "409, refused",
    "429, refused",
    "500, failed",
    "503, failed",
    "0, failed"
  })
  void theResultFollowsTheStatus(int status, String result) {
    assertThat(entry(status).result()).isEqualTo(result);
  }

  @Test
  void anEntryComesBackFromItsStreamFieldsAsItWas() {
    AuditEntry entry =
        new AuditEntry(
            UUID.randomUUID(),
            Instant.ofEpochMilli(1_790_000_000_123L),
            "alice",
            "admin",
            "task.priority",
            "0190a4f2-0000-7000-8000-000000000001",
            "{\"priority\":1}",
            "{\"priority\":9}",
            "10.0.0.7",
            200);

    assertThat(AuditEntry.fromFields("1-0", entry.toFields())).isEqualTo(entry);
  }

  @Test
  void absentValuesAreLeftOutOfTheStreamFieldsAndComeBackAbsent() {
    AuditEntry entry =
        new AuditEntry(
            UUID.randomUUID(),
            Instant.EPOCH,
            "bob",
            "operator",
            "queue.pause",
            null,
            null,
            null,
            null,
            204);

    Map<String, String> fields = entry.toFields();

    assertThat(fields).doesNotContainKeys("target", "before", "after", "address");
    assertThat(AuditEntry.fromFields("1-0", fields)).isEqualTo(entry);
  }

  @Test
  void aMalformedStreamEntryStillGivesAnEntryTheSameEveryTime() {
    Map<String, String> junk = new HashMap<>();
    junk.put("at", "yesterday");
    junk.put("status", "many");

    AuditEntry entry = AuditEntry.fromFields("1790000000000-3", junk);

    assertThat(entry.at()).isEqualTo(Instant.ofEpochMilli(1_790_000_000_000L));
    assertThat(entry.actor()).isEqualTo("anonymous");
    assertThat(entry.action()).isEqualTo("unknown");
    assertThat(entry.result()).isEqualTo(AuditEntry.FAILED);
    assertThat(AuditEntry.fromFields("1790000000000-3", junk).id()).isEqualTo(entry.id());
    assertThat(AuditEntry.fromFields("1790000000000-4", junk).id()).isNotEqualTo(entry.id());
  }

  @Test
  void controlCharactersAreReplacedInTextAndNulEscapesInJson() {
    AuditEntry entry =
        new AuditEntry(
            UUID.randomUUID(),
            Instant.EPOCH,
            "al\u0000ice",
            "admin",
            "queue.settings",
            "q\u0007",
            "{\"a\":\"x\\u0000y\\u0000\"}",
            "{\"a\":\"\\\\u0000 stays text\"}",
            "::1",
            200);

    assertThat(entry.actor()).isEqualTo("al\uFFFDice");
    assertThat(entry.target()).isEqualTo("q\uFFFD");
    assertThat(entry.before()).isEqualTo("{\"a\":\"x\\ufffdy\\ufffd\"}");
    assertThat(entry.after()).isEqualTo("{\"a\":\"\\\\u0000 stays text\"}");
  }

  @Test
  void anEntryWithoutActorRoleOrActionNamesThemSoTheStoreTakesIt() {
    AuditEntry entry = AuditEntry.now(null, null, null, null, null, null, null, 200);

    assertThat(entry.actor()).isEqualTo("anonymous");
    assertThat(entry.role()).isEqualTo("none");
    assertThat(entry.action()).isEqualTo("unknown");
  }

  private static AuditEntry entry(int status) {
    return AuditEntry.now("u", "admin", "task.retry", "t", null, null, "::1", status);
  }
}
