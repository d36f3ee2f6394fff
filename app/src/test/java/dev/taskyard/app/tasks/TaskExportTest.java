package dev.taskyard.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.history.TaskHistory;
import dev.taskyard.app.platform.CsvLines;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TaskExportTest {

  @Test
  void aTaskIsOneCsvLineWithEveryColumnOfTheHeaderAndItsErrorDefused() throws Exception {
    Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    TaskHistory task =
        new TaskHistory(
            "0193c1d2-0000-7000-8000-000000000001",
            "emails",
            "mail.send",
            "FAILED",
            5,
            3,
            null,
            "=HYPERLINK(\"http://x\"), boom",
            "node-1",
            created,
            null,
            null,
            created,
            12L,
            null,
            null,
            null);

    StringWriter out = new StringWriter();
    CsvLines.write(out, TaskExport.values(task));

    assertThat(TaskExport.values(task)).hasSameSizeAs(TaskExport.HEADER);
    assertThat(out.toString())
        .isEqualTo(
            "0193c1d2-0000-7000-8000-000000000001,emails,mail.send,FAILED,5,3,,"
                + "\"'=HYPERLINK(\"\"http://x\"\"), boom\",node-1,"
                + created
                + ",,,12,\r\n");
  }
}
