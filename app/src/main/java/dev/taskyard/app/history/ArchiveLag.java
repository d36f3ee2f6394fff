package dev.taskyard.app.history;

/**
 * How far the history of one queue is behind: stream entries not yet archived (each is one event
 * for one or many tasks) and the age of the oldest, null when there is none.
 */
public record ArchiveLag(long pending, Long oldestAgeMs) {}
