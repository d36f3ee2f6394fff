package dev.taskyard.core.testing;

import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.worker.Lease;
import org.redisson.client.codec.StringCodec;

/** Builders shared by every module's tests. */
public final class TaskFixtures {
  public static final String NOOP = "test.noop";

  private TaskFixtures() {}

  /** A valid task of type {@link #NOOP} with an empty object as payload. */
  public static TaskRequest aTask() {
    return TaskRequest.of(NOOP, "{}");
  }

  public static TaskRequest aTaskOfType(String type) {
    return TaskRequest.of(type, "{}");
  }

  /** A valid task whose payload carries {@code n}, to tell tasks apart. */
  public static TaskRequest aNumberedTask(int n) {
    return TaskRequest.of(NOOP, "{\"n\":" + n + "}");
  }

  /** The lease a task is held under now (its token is the id of the claim that leased it). */
  public static Lease currentLease(String queue, String id) {
    String token =
        TestRedis.get()
            .redisson()
            .<String, String>getMap(new QueueKeys(queue).task(id), StringCodec.INSTANCE)
            .get("lease");
    return new Lease(id, token);
  }
}
