package dev.taskyard.app.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The console's sign-in page, and the way there from a page that needs a signed-in user: back to
 * that page afterwards, and never to another site ({@code next} must be a console path).
 */
public final class SignInPage {
  /** The page, relative to the context root. */
  public static final String PATH = "/sign-in.xhtml";

  /** Where the console starts, relative to the context root. */
  public static final String HOME = "/console/";

  private static final Pattern CONSOLE_PATH = Pattern.compile("/console/[A-Za-z0-9_./-]*");

  private SignInPage() {}

  /**
   * Sends the browser to the sign-in page: a redirect, or for a Faces Ajax request the partial
   * response that makes the page go there.
   */
  static AuthenticationStatus sendTo(HttpServletRequest request, HttpServletResponse response) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String target =
        request.getContextPath()
            + PATH
            + (isConsolePath(path)
                ? "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                : "");
    try {
      if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + target.replace("&", "&amp;").replace("\"", "&quot;")
                    + "\"/></partial-response>");
      } else {
        response.sendRedirect(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_CONTINUE;
  }

  /**
   * Where to go after signing in: {@code next} if it is a console path, else the console's start.
   */
  static String afterSignIn(String next) {
    return next != null && isConsolePath(next) && !next.contains("..") && !next.contains("//")
        ? next
        : HOME;
  }

  private static boolean isConsolePath(String path) {
    return CONSOLE_PATH.matcher(path).matches();
  }
}
