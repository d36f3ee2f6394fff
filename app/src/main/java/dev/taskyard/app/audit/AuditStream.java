package dev.taskyard.app.audit;

import dev.taskyard.app.platform.RedisCalls;
import dev.taskyard.core.redis.QueueKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * The audit log's Redis stream ({@link QueueKeys#AUDIT}) as the recording side sees it: one {@code
 * XADD} per entry. Behind MicroProfile Fault Tolerance like every Redis adapter, so that while
 * Redis is away entries go to PostgreSQL at once instead of each waiting for a timeout; limits
 * through MicroProfile Config, e.g. {@code dev.taskyard.app.audit.AuditStream/Timeout/value}.
 */
@ApplicationScoped
@RedisCalls
@Timeout(1000)
@CircuitBreaker(
    requestVolumeThreshold = 4,
    failureRatio = 0.5,
    delay = 5000,
    failOn = {RedisException.class, TimeoutException.class})
public class AuditStream {

  @Inject RedissonClient redisson;

  /** Appends the entry; it is in PostgreSQL once an archiver has read it. */
  public void append(AuditEntry entry) {
    stream().add(StreamAddArgs.entries(entry.toFields()));
  }

  /** Entries recorded and not yet acknowledged as stored in PostgreSQL. */
  public long pending() {
    return stream().size();
  }

  private RStream<String, String> stream() {
    return redisson.getStream(QueueKeys.AUDIT, StringCodec.INSTANCE);
  }
}
