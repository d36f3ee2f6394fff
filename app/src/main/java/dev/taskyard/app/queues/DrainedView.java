package dev.taskyard.app.queues;

import dev.taskyard.core.control.TaskControl;

/** The tasks a drain cancelled, by the state they were in. */
public record DrainedView(String queue, long queued, long scheduled, long waiting, long total) {

  static DrainedView of(String queue, TaskControl.Drained d) {
    return new DrainedView(queue, d.queued(), d.scheduled(), d.waiting(), d.total());
  }
}
