package dev.taskyard.core.events;

import org.redisson.api.stream.StreamMessageId;

/** Stream entry ids ({@code ms-seq}) as text and as Redisson's type. */
final class StreamIds {
  private StreamIds() {}

  static StreamMessageId parse(String id) {
    int dash = id.indexOf('-');
    return dash < 0
        ? new StreamMessageId(Long.parseLong(id), 0)
        : new StreamMessageId(
            Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
  }
}
