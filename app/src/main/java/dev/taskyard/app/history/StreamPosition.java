package dev.taskyard.app.history;

/** An entry's id in a queue's stream ({@code ms-seq}), ordered as Redis orders them. */
public record StreamPosition(long ms, long seq) implements Comparable<StreamPosition> {

  public static StreamPosition parse(String id) {
    int dash = id.indexOf('-');
    return dash < 0
        ? new StreamPosition(Long.parseLong(id), 0)
        : new StreamPosition(
            Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
  }

  @Override
  public int compareTo(StreamPosition other) {
    int byMs = Long.compare(ms, other.ms);
    return byMs != 0 ? byMs : Long.compare(seq, other.seq);
  }

  @Override
  public String toString() {
    return ms + "-" + seq;
  }
}
