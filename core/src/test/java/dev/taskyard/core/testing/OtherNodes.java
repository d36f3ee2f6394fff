package dev.taskyard.core.testing;

import dev.taskyard.core.Taskyard;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Engines with connections of their own, as on other nodes, closed after each test: after the
 * test's {@code @AfterEach} methods, so worker pools on them stop first.
 *
 * <pre>{@code @RegisterExtension final OtherNodes otherNodes = new OtherNodes();}</pre>
 */
public final class OtherNodes implements AfterEachCallback {
  private final List<Taskyard> nodes = new ArrayList<>();

  public Taskyard next() {
    Taskyard node = TestRedis.get().newNode();
    nodes.add(node);
    return node;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    nodes.forEach(Taskyard::close);
    nodes.clear();
  }
}
