package dev.taskyard.app.tasks;

/** What the console says after a bulk action on every matching task. */
final class BulkMessage {
  private BulkMessage() {}

  static String of(TaskBulk.Action action, TaskBulk.Outcome outcome) {
    int done = outcome.done().size();
    StringBuilder message =
        new StringBuilder()
            .append(done)
            .append(done == 1 ? " task " : " tasks ")
            .append(
                switch (action) {
                  case RETRY -> "retried";
                  case CANCEL -> "cancelled";
                  case DELETE -> "deleted";
                });
    if (outcome.skipped() > 0) {
      message
          .append("; ")
          .append(outcome.skipped())
          .append(" skipped, as their state did not allow it");
    }
    message.append('.');
    if (outcome.more()) {
      message
          .append(" More tasks match: press again for the next ")
          .append(TaskBulk.MAX)
          .append('.');
    }
    return message.toString();
  }
}
