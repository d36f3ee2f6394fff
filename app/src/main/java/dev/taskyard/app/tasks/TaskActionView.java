package dev.taskyard.app.tasks;

/**
 * What an action on a task did.
 *
 * @param outcome {@code RETRIED}, {@code CANCELLED}, {@code CANCEL_REQUESTED} (it runs; its worker
 *     was asked to stop it), {@code PROMOTED}, {@code REPRIORITIZED}, {@code MOVED} or {@code
 *     UNCHANGED} (a move of a task at that end of its queue already)
 */
public record TaskActionView(String queue, String id, String outcome) {}
