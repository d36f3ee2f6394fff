package dev.taskyard.app.tasks;

import dev.taskyard.app.history.TaskHistory;
import java.util.List;

/** A page of the task list; {@code next} is the cursor of the following page, null on the last. */
public record TaskPageView(List<TaskHistory> tasks, String next) {}
