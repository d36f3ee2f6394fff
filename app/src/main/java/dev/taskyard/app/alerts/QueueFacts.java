package dev.taskyard.app.alerts;

import dev.taskyard.core.control.BacklogThresholds;
import dev.taskyard.core.stats.QueueStatus;
import java.util.OptionalDouble;

/**
 * What is known of one queue when it is judged.
 *
 * @param failureRatio failed share of finished attempts over the thresholds' window, if known
 * @param workerThreads threads all live worker nodes run for the queue
 * @param submitBreakerOpen whether any node refuses submits to the queue at once
 */
public record QueueFacts(
    QueueStatus status,
    BacklogThresholds limits,
    OptionalDouble failureRatio,
    int workerThreads,
    boolean submitBreakerOpen) {}
