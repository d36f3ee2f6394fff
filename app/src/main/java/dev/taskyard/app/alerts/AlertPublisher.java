package dev.taskyard.app.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.logging.Logger;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Announces raised and resolved alerts on the Redis channel {@value #CHANNEL}, so every node's live
 * views hear of them, and in the log, where an operator without a console still sees them.
 */
@ApplicationScoped
public class AlertPublisher {
  public static final String CHANNEL = "ty:alerts";
  private static final Logger LOG = Logger.getLogger(AlertPublisher.class.getName());

  @Inject RedissonClient redisson;

  void raised(Alert alert) {
    LOG.warning(() -> "Alert raised (" + alert.severity() + "): " + alert.message());
    publish("alert.raised", alert);
  }

  void resolved(Alert alert) {
    LOG.info(() -> "Alert resolved: " + alert.kind() + " on " + alert.subject());
    publish("alert.resolved", alert);
  }

  private void publish(String type, Alert alert) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("type", type)
            .add("id", alert.id())
            .add("kind", alert.kind().name())
            .add("severity", alert.severity().name())
            .add("value", alert.value())
            .add("threshold", alert.threshold())
            .add("message", alert.message())
            .add("raisedAt", alert.raisedAt().toString());
    if (alert.queue() != null) {
      json.add("queue", alert.queue());
    }
    if (alert.node() != null) {
      json.add("node", alert.node());
    }
    if (alert.resolvedAt() != null) {
      json.add("resolvedAt", alert.resolvedAt().toString());
    }
    redisson.getTopic(CHANNEL, StringCodec.INSTANCE).publish(json.build().toString());
  }
}
