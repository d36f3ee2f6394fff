package dev.taskyard.app.queues;

import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.QueueSettings;
import dev.taskyard.core.control.UnknownQueueException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Changes a queue's settings from the API's body, for the API and the console alike: the body's
 * fields are applied to what is stored, the whole is checked, and only the changed fields are
 * written, so concurrent changes of other fields are kept.
 */
@ApplicationScoped
public class QueueConfigurator {

  @Inject QueueStore store;

  /** The settings before (null for a new queue) and after a change. */
  public record Change(QueueSettingsView before, QueueSettingsView after) {}

  public Change configure(String queue, String body) {
    QueueNames.check(queue);
    QueueSettingsCommand command = QueueSettingsCommand.parse(body);
    QueueSettings current;
    QueueSettingsView before;
    try {
      current = store.settings(queue);
      before = QueueSettingsView.of(current);
    } catch (UnknownQueueException e) {
      current = QueueSettings.defaults(); // a new queue: nothing before
      before = null;
    }
    store.change(queue, current, command.applyTo(current));
    return new Change(before, QueueSettingsView.of(store.settings(queue)));
  }
}
