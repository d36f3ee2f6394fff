package dev.taskyard.app.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * Refuses (403) a WebSocket handshake to the console from a page of another origin: browsers send
 * cookies with WebSocket handshakes whatever page opens them, and do not apply the same-origin
 * policy to WebSockets, so without this another site could read the feed as the person.
 */
@WebFilter(LiveSocket.PATH)
public class SameOriginFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Read the server name while the connection is the request's: Payara reads it again once the
    // socket has closed, and then fails on a connection already gone (payara/Payara#5432).
    request.getServerName();
    if (!sameOrigin(request.getHeader("Origin"), request.getHeader("Host"))) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean sameOrigin(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    try {
      String authority = URI.create(origin).getAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
