package dev.taskyard.app.metrics;

/** How many of a queue's task attempts succeeded and how many failed. */
public record Outcomes(long succeeded, long failed) {}
