package dev.taskyard.app.platform;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a console list is in its pages when pages are read by cursor (stable while rows arrive):
 * the cursor of the page shown, of the next one, and of those before, to go back.
 */
public final class CursorPages implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Deque<String> previous = new ArrayDeque<>();
  private String current;
  private String next;

  /** Back to the first page. */
  public void first() {
    previous.clear();
    current = null;
    next = null;
  }

  /** To the next page; false when there is none. */
  public boolean older() {
    if (next == null) {
      return false;
    }
    previous.push(current == null ? "" : current);
    current = next;
    return true;
  }

  /** Back one page; false on the first. */
  public boolean newer() {
    if (previous.isEmpty()) {
      return false;
    }
    String back = previous.pop();
    current = back.isEmpty() ? null : back;
    return true;
  }

  /** The cursor of the page to read; null for the first. */
  public String current() {
    return current;
  }

  /** Notes the cursor of the page after the one just read; null when it was the last. */
  public void next(String cursor) {
    next = cursor;
  }

  public boolean hasOlder() {
    return next != null;
  }

  public boolean hasNewer() {
    return !previous.isEmpty();
  }
}
