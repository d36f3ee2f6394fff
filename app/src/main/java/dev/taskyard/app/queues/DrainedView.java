package dev.taskyard.app.queues;

/** The tasks a drain cancelled, by the state they were in. */
public record DrainedView(String queue, long queued, long scheduled, long waiting, long total) {}
