package dev.taskyard.core.worker;

/**
 * One lease of a task: its id and the lease token, the id of the claim that leased it. The token is
 * unique to this lease; the attempt number is not (releasing a task counts its attempt back), so
 * acknowledging, extending and releasing check the token.
 */
public record Lease(String id, String token) {
  public static Lease of(ClaimedTask task) {
    return new Lease(task.id(), task.leaseToken());
  }
}
