package dev.taskyard.core.worker;

/** One lease of a task: its id and the attempt it was leased for. */
public record Lease(String id, int attempt) {
  static Lease of(ClaimedTask task) {
    return new Lease(task.id(), task.attempt());
  }
}
