package dev.taskyard.app.history;

import java.math.BigInteger;

/** An entry's id in a queue's stream ({@code ms-seq}), ordered as Redis orders them. */
public record StreamPosition(long ms, long seq) implements Comparable<StreamPosition> {
  private static final BigInteger SEQ_SPAN = BigInteger.ONE.shiftLeft(64);

  /** Null-safe: is {@code a} after {@code b}, where null is before any position? */
  static boolean after(StreamPosition a, StreamPosition b) {
    return a != null && (b == null || a.compareTo(b) > 0);
  }

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

  /**
   * One number ordered like the position, ms * 2^64 + seq, as text: how PostgreSQL keeps it (a
   * {@code numeric}), so that one column compares it.
   */
  String asNumber() {
    return BigInteger.valueOf(ms).multiply(SEQ_SPAN).add(BigInteger.valueOf(seq)).toString();
  }

  @Override
  public String toString() {
    return ms + "-" + seq;
  }
}
