package dev.taskyard.app.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer of the application carries, error pages included: {@code
 * X-Content-Type-Options: nosniff}, so a browser never runs a JSON answer or an uploaded text as a
 * script or page, and a strict {@code Content-Security-Policy}: only the application's own scripts,
 * styles, images, fonts and connections (WebSocket included); no plugins, no framing, no foreign
 * form targets. The admin console (PrimeFaces) lives with it by serving its resources from the
 * application and running with {@code primefaces.CSP} on, which moves its inline scripts and event
 * handlers into nonced script blocks; only inline {@code style} attributes, which its components
 * write, are allowed.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC})
public class SecurityHeadersFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  /** Sets the headers on {@code response}; also used where an answer bypasses this filter. */
  public static void apply(HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    apply(response);
    chain.doFilter(request, response);
  }
}
