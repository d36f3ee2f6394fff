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
 * form targets. Only inline {@code style} attributes are allowed, which PrimeFaces components
 * write. PrimeFaces with {@code primefaces.CSP} on moves its scripts into nonced blocks and adds a
 * header of its own, {@code script-src 'self' 'nonce-...'}; two policies both apply, so that nonce
 * must go into this one (a response wrapper that merges it works: tried for issue 11).
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
