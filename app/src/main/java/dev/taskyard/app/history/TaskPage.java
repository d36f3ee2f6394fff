package dev.taskyard.app.history;

import java.util.List;
import java.util.Optional;

/** One page of tasks and, if more follow, the cursor of the next page. */
public record TaskPage(List<TaskHistory> tasks, Optional<TaskCursor> next) {}
