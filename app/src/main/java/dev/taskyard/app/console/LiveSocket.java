package dev.taskyard.app.console;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's WebSocket, one per open page: {@link LiveFeed} pushes to it. Under {@code
 * /console/}, so only a signed-in browser gets here ({@code web.xml}), and only from a page of this
 * very site ({@link SameOriginFilter}).
 */
@ServerEndpoint(LiveSocket.PATH)
public class LiveSocket {
  static final String PATH = "/console/live";
  private static final Logger LOG = Logger.getLogger(LiveSocket.class.getName());

  @Inject LiveFeed feed;

  @OnOpen
  public void open(Session session) throws IOException {
    if (session.getUserPrincipal() == null) {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Sign in first"));
      return;
    }
    feed.join(session);
  }

  @OnClose
  public void close(Session session) {
    feed.leave(session);
  }

  @OnError
  public void error(Session session, Throwable e) {
    LOG.log(Level.FINE, "Console WebSocket failed", e);
    feed.leave(session);
  }
}
