package dev.taskyard.app.alerts;

import dev.taskyard.app.tasks.KeyedCircuitBreaker;
import dev.taskyard.app.tasks.SubmitBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The queues whose submit circuit is open on any node. Each node's breakers are its own, so each
 * node writes its open ones, with a time they hold until, to one Redis hash that every node reads;
 * an entry a node stops renewing lapses by itself.
 */
@ApplicationScoped
public class OpenSubmitBreakers {
  static final String KEY = "ty:submit-breakers:open";

  @Inject RedissonClient redisson;
  @Inject SubmitBreakers breakers;

  /**
   * Shares this node's open circuits for {@code hold}, then answers which queues are open anywhere.
   */
  Set<String> shareAndRead(Duration hold) {
    RMap<String, String> open = redisson.getMap(KEY, StringCodec.INSTANCE);
    Instant now = Instant.now();
    String until = Long.toString(now.plus(hold).toEpochMilli());
    for (KeyedCircuitBreaker.Snapshot circuit : breakers.breaker().snapshots()) {
      if (circuit.state() == KeyedCircuitBreaker.State.OPEN) {
        open.fastPut(circuit.key(), until);
      }
    }
    Set<String> queues = new HashSet<>();
    for (Map.Entry<String, String> entry : open.readAllEntrySet()) {
      if (Long.parseLong(entry.getValue()) > now.toEpochMilli()) {
        queues.add(entry.getKey());
      } else {
        open.fastRemove(entry.getKey());
      }
    }
    return queues;
  }
}
