package dev.taskyard.app.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headers every answer of the application carries, error pages included: {@code
 * X-Content-Type-Options: nosniff}, so a browser never runs a JSON answer or an uploaded text as a
 * script or page, and a strict {@code Content-Security-Policy}: only the application's own scripts,
 * styles, images, fonts and connections (WebSocket included); no plugins, no framing, no foreign
 * form targets. Only inline {@code style} attributes are allowed, which PrimeFaces components
 * write. The console's PrimeFaces ({@code primefaces.CSP} on) moves its scripts into blocks with a
 * per-request nonce and adds a policy of its own, {@code script-src 'self' 'nonce-...'}: as two
 * policies would both apply, and this one would block those scripts, its nonce goes into this
 * policy instead, which stays the only one.
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

  private static final String CSP = "Content-Security-Policy";
  private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");

  /** Sets the headers on {@code response}; also used where an answer bypasses this filter. */
  public static void apply(HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader(CSP, CONTENT_SECURITY_POLICY);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    apply(response);
    chain.doFilter(request, new NoncedScripts(response));
  }

  /** This policy with {@code nonce} allowed for scripts too. */
  static String withNonce(String nonce) {
    return CONTENT_SECURITY_POLICY.replace(
        "script-src 'self';", "script-src 'self' 'nonce-" + nonce + "';");
  }

  /** Takes a policy PrimeFaces sets as its nonce for this one. */
  private static final class NoncedScripts extends HttpServletResponseWrapper {
    NoncedScripts(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, isPolicy(name) ? merged(value) : value);
    }

    @Override
    public void addHeader(String name, String value) {
      if (isPolicy(name)) {
        super.setHeader(name, merged(value));
      } else {
        super.addHeader(name, value);
      }
    }

    private static boolean isPolicy(String name) {
      return CSP.equalsIgnoreCase(name);
    }

    private static String merged(String policy) {
      Matcher nonce = NONCE.matcher(policy);
      return nonce.find() ? withNonce(nonce.group(1)) : CONTENT_SECURITY_POLICY;
    }
  }
}
