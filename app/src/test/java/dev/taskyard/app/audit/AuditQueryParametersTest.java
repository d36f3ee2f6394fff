package dev.taskyard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.app.platform.BadParameterException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditQueryParametersTest {

  @Test
  void noParametersListTheNewestEntriesUnfiltered() {
    AuditQuery query = new AuditQueryParameters(null, null, null, null, null, null, null).toQuery();

    assertThat(query.actor()).isEmpty();
    assertThat(query.action()).isEmpty();
    assertThat(query.target()).isEmpty();
    assertThat(query.from()).isEmpty();
    assertThat(query.after()).isEmpty();
    assertThat(query.limit()).isEqualTo(AuditQueryParameters.DEFAULT_LIMIT);
  }

  @Test
  void everyFilterIsTaken() {
    String cursor = new AuditCursor(5, 7).encode();
    AuditQuery query =
        new AuditQueryParameters(
                "alice",
                "queue.pause",
                "q1",
                "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00Z",
                "10",
                cursor)
            .toQuery();

    assertThat(query.actor()).contains("alice");
    assertThat(query.action()).contains("queue.pause");
    assertThat(query.target()).contains("q1");
    assertThat(query.from()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(query.to()).contains(Instant.parse("2026-01-02T00:00:00Z"));
    assertThat(query.limit()).isEqualTo(10);
    assertThat(query.after()).contains(new AuditCursor(5, 7));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from|yesterday",
        "to|2026-13-01T00:00:00Z",
        "limit|0",
        "limit|501",
        "limit|ten",
        "cursor|abc",
        "actor|' '",
        "action|a\u0001b",
        "target|TOO_LONG"
      })
  void eachBadParameterIsNamed(String parameter, String value) {
    String v = value.equals("TOO_LONG") ? "x".repeat(201) : value;
    AuditQueryParameters params =
        switch (parameter) {
          case "from" -> new AuditQueryParameters(null, null, null, v, null, null, null);
          case "to" -> new AuditQueryParameters(null, null, null, null, v, null, null);
          case "limit" -> new AuditQueryParameters(null, null, null, null, null, v, null);
          case "cursor" -> new AuditQueryParameters(null, null, null, null, null, null, v);
          case "actor" -> new AuditQueryParameters(v, null, null, null, null, null, null);
          case "action" -> new AuditQueryParameters(null, v, null, null, null, null, null);
          default -> new AuditQueryParameters(null, null, v, null, null, null, null);
        };

    assertThatThrownBy(params::toQuery)
        .isInstanceOfSatisfying(
            BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
  }

  @Test
  void toMustBeAfterFrom() {
    assertThatThrownBy(
            () ->
                new AuditQueryParameters(
                        null,
                        null,
                        null,
                        "2026-01-02T00:00:00Z",
                        "2026-01-01T00:00:00Z",
                        null,
                        null)
                    .toQuery())
        .isInstanceOfSatisfying(
            BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
  }
}
