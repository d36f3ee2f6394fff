package dev.taskyard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.platform.CsvLines;
import java.io.StringWriter;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditCsvTest {

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "plain|plain",
        "''|''",
        "a,b|\"a,b\"",
        "say \"hi\"|\"say \"\"hi\"\"\"",
        "=1+2|\"'=1+2\"",
        "+1|\"'+1\"",
        "-1|\"'-1\"",
        "@SUM(A1)|\"'@SUM(A1)\"",
        "=HYPERLINK(\"http://x\",\"y\")|\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        "a=b|a=b",
        "queue-1|queue-1"
      })
  void valuesAreQuotedWhereTheyMustBeAndFormulasDefused(String value, String field) {
    assertThat(CsvLines.field(value.equals("''") ? "" : value))
        .isEqualTo(field.equals("''") ? "" : field);
  }

  @Test
  void lineBreaksTabsAndCarriageReturnsStayInsideOneQuotedField() {
    assertThat(CsvLines.field("a\nb")).isEqualTo("\"a\nb\"");
    assertThat(CsvLines.field("a\r\nb")).isEqualTo("\"a\r\nb\"");
    assertThat(CsvLines.field("\tcmd")).isEqualTo("\"'\tcmd\"");
    assertThat(CsvLines.field("\rcmd")).isEqualTo("\"'\rcmd\"");
  }

  @Test
  void aRowHasEveryColumnOfTheHeaderWithJsonQuotedAndEmptyForNull() throws Exception {
    AuditEntry entry =
        new AuditEntry(
            UUID.randomUUID(),
            Instant.parse("2026-11-02T10:15:30.123Z"),
            "alice",
            "operator",
            "queue.settings",
            "=cmd",
            "{\"maxAttempts\":3}",
            "{\"maxAttempts\":5}",
            "127.0.0.1",
            200);
    StringWriter out = new StringWriter();
    AuditCsv.header(out);
    AuditCsv.row(out, new AuditRow(42, entry));

    assertThat(out.toString())
        .isEqualTo(
            "id,at,actor,role,action,target,status,result,address,before,after\r\n"
                + "42,2026-11-02T10:15:30.123Z,alice,operator,queue.settings,\"'=cmd\",200,"
                + "succeeded,127.0.0.1,\"{\"\"maxAttempts\"\":3}\",\"{\"\"maxAttempts\"\":5}\"\r\n");
  }

  @Test
  void anEntryWithoutTargetOrBeforeAndAfterHasEmptyFields() throws Exception {
    AuditEntry entry =
        new AuditEntry(
            UUID.randomUUID(),
            Instant.EPOCH,
            "bob",
            "admin",
            "task.submit",
            null,
            null,
            null,
            null,
            400);
    StringWriter out = new StringWriter();
    AuditCsv.row(out, new AuditRow(1, entry));

    assertThat(out.toString())
        .isEqualTo("1,1970-01-01T00:00:00Z,bob,admin,task.submit,,400,refused,,,\r\n");
  }
}
