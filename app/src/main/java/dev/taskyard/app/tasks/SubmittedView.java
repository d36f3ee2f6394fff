package dev.taskyard.app.tasks;

import java.net.URI;

/**
 * One submitted task.
 *
 * @param created false when its idempotency key matched an earlier task, whose id this is
 * @param location where the task can be read
 */
public record SubmittedView(String queue, String id, boolean created, URI location) {}
