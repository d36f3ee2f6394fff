package dev.taskyard.core.events;

import java.util.Map;

/**
 * One entry of a queue's event stream as a consumer group delivered it, undecoded, so that a reader
 * can keep an entry that does not decode (or that a store refuses) exactly as it was.
 *
 * @param fields the entry's fields; null when the entry was trimmed away while it was pending
 */
public record EventEntry(String queue, String streamId, Map<String, String> fields) {

  /** Trimmed from the stream before it was acknowledged: its content is lost. */
  public boolean trimmed() {
    return fields == null;
  }

  /**
   * The event it holds.
   *
   * @throws MalformedEventException if it does not read as one
   */
  public TaskEvent event() {
    if (fields == null) {
      throw new MalformedEventException("entry " + streamId + " was trimmed", null);
    }
    return TaskEvent.fromEntry(queue, streamId, fields);
  }

  /** How many tasks it names (0 for a queue event or a trimmed entry), without decoding it. */
  public int taskCount() {
    String ids = fields == null ? null : fields.get("ids");
    if (ids == null || ids.isEmpty()) {
      return 0;
    }
    int count = 1;
    for (int i = 0; i < ids.length(); i++) {
      if (ids.charAt(i) == ' ') {
        count++;
      }
    }
    return count;
  }
}
