package dev.taskyard.app.history;

/**
 * How far the history of one queue is behind, and what it could not keep.
 *
 * @param pending stream entries not yet archived (each one event for one or many tasks)
 * @param oldestAgeMs the age of the oldest, null when there is none
 * @param quarantined entries set aside because they could not be archived (listed by {@code GET
 *     /api/queue/archive/quarantine})
 * @param dropped entries trimmed from the stream before they were archived: lost to history
 * @param warning the stream holds {@code taskyard.archive.warn-fraction} of {@code
 *     taskyard.archive.max-stream-entries} or more: entries will be dropped if it keeps growing
 */
public record ArchiveLag(
    long pending, Long oldestAgeMs, long quarantined, long dropped, boolean warning) {}
