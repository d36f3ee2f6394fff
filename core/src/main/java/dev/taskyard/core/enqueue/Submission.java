package dev.taskyard.core.enqueue;

/**
 * The outcome of submitting one task.
 *
 * @param id the task's id; for a repeated idempotency key, the id of the first task
 * @param created false when an idempotency key matched an earlier task
 */
public record Submission(String id, boolean created) {}
