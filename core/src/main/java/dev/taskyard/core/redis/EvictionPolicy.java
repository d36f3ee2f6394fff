package dev.taskyard.core.redis;

import java.util.Optional;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;

/**
 * The Redis server's {@code maxmemory-policy}. Taskyard needs {@code noeviction}: under any other
 * policy a full Redis deletes keys of its choosing (task records, queue sets, leases, settings),
 * and work is lost without an error; with {@code noeviction} a full Redis refuses writes instead,
 * so submits fail loudly and nothing already accepted disappears.
 *
 * @param name the policy; empty when it could not be read (Redis unreachable, CONFIG disabled)
 */
public record EvictionPolicy(Optional<String> name) {
  public static final String SAFE = "noeviction";

  /**
   * Asks every master (a cluster's masters may differ: the first unsafe one is reported); never
   * throws: an unreadable policy is reported as unknown.
   */
  public static EvictionPolicy read(RedissonClient redisson) {
    try {
      String policy = SAFE;
      for (RedisNode master : RedisMasters.of(redisson)) {
        String name = master.getConfig("maxmemory-policy").get("maxmemory-policy");
        if (name == null) {
          return new EvictionPolicy(Optional.empty());
        }
        if (!SAFE.equals(name)) {
          policy = name;
        }
      }
      return new EvictionPolicy(Optional.of(policy));
    } catch (RuntimeException e) {
      return new EvictionPolicy(Optional.empty());
    }
  }

  /** True when Redis may delete Taskyard's keys under memory pressure. */
  public boolean evicts() {
    return name.isPresent() && !SAFE.equals(name.get());
  }

  /** What an operator should read when the policy is not {@link #SAFE}, or empty when it is. */
  public Optional<String> warning() {
    if (name.isEmpty()) {
      return Optional.of(
          "Could not read Redis's maxmemory-policy (Redis unreachable, or CONFIG disabled): make"
              + " sure it is "
              + SAFE
              + ", or a full Redis deletes task records and tasks are lost");
    }
    if (!evicts()) {
      return Optional.empty();
    }
    return Optional.of(
        "Redis maxmemory-policy is "
            + name.get()
            + ", not "
            + SAFE
            + ": when Redis is full it deletes task records and queue keys, and tasks are lost"
            + " without an error (claims count records found gone as recordsLost). Set"
            + " maxmemory-policy "
            + SAFE
            + " (see docs/configuration.md)");
  }
}
