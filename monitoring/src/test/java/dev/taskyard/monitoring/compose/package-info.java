/**
 * The compose stack ({@code docker-compose.yml}, observation and execution planes together): its
 * validation by Debian's docker-compose and the rules every service follows.
 */
package dev.taskyard.monitoring.compose;
