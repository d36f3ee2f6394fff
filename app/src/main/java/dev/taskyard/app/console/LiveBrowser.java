package dev.taskyard.app.console;

import jakarta.websocket.Session;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser's WebSocket: one message in flight at a time. A message that finds the previous one
 * still on its way is dropped and the browser marked stale, so it gets every queue at the next
 * update instead of a backlog of old ones.
 */
final class LiveBrowser {
  private final Session session;
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile boolean stale;

  LiveBrowser(Session session) {
    this.session = session;
  }

  /** Whether the browser missed an update and needs every queue. */
  boolean stale() {
    return stale;
  }

  void send(String message) {
    if (!session.isOpen()) {
      return;
    }
    if (!sending.compareAndSet(false, true)) {
      stale = true;
      return;
    }
    stale = false;
    session
        .getAsyncRemote()
        .sendText(
            message,
            result -> {
              sending.set(false);
              if (!result.isOK()) {
                stale = true;
              }
            });
  }
}
