package dev.taskyard.app.tasks;

import java.util.List;

/** A submitted batch: its tasks in the order given. */
public record SubmittedBatchView(String queue, List<SubmittedView> tasks) {}
