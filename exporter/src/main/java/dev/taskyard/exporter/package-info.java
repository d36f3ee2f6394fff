/**
 * The exporter (observation plane): reads the queues' state from Redis through the engine's read
 * API, O(1) per queue in a few round trips, and serves it to Prometheus on {@code /metrics}.
 */
package dev.taskyard.exporter;
