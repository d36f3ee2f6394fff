package dev.taskyard.app.queues;

import dev.taskyard.core.stats.QueueStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The console's dashboard ({@code console/index.xhtml}): a card per queue. */
@Named
@RequestScoped
public class DashboardView {

  @Inject QueueStore store;

  private List<QueueStatus> queues;

  public List<QueueStatus> getQueues() {
    if (queues == null) {
      queues = store.statuses();
    }
    return queues;
  }
}
