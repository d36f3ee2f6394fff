package dev.taskyard.app.security;

import dev.taskyard.app.platform.Problem;
import jakarta.json.JsonObject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The body of the container's 401 and 403 answers ({@code error-page} in {@code web.xml}): an
 * {@code application/problem+json} document like every other error of the API. The status and the
 * {@code WWW-Authenticate} challenge are the authentication mechanism's.
 */
@WebServlet(urlPatterns = SecurityProblemServlet.PATH)
public class SecurityProblemServlet extends HttpServlet {
  static final String PATH = "/security-problem";
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
        && code == HttpServletResponse.SC_FORBIDDEN
        && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
        && uri.startsWith(request.getContextPath() + "/console/")) {
      forbiddenPage(request, response);
      return;
    }
    JsonObject problem =
        switch (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
            ? code
            : HttpServletResponse.SC_NOT_FOUND) {
          case HttpServletResponse.SC_UNAUTHORIZED ->
              problem(
                  HttpServletResponse.SC_UNAUTHORIZED,
                  "Unauthorized",
                  "Send a valid user and password (HTTP Basic).");
          case HttpServletResponse.SC_FORBIDDEN ->
              problem(
                  HttpServletResponse.SC_FORBIDDEN,
                  "Forbidden",
                  "Your role does not allow " + request.getMethod() + " here.");
          default -> {
            // Asked for directly rather than as an error page.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            yield problem(HttpServletResponse.SC_NOT_FOUND, "Not Found", "No such resource.");
          }
        };
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(problem.toString());
  }

  /** A console page the person's role does not allow: a page for people, not a problem body. */
  private static void forbiddenPage(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String context = request.getContextPath();
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden ·"
                + " Taskyard</title><link rel=\"icon\" type=\"image/svg+xml\" href=\""
                + context
                + "/favicon.svg\"></head><body><h1>Forbidden</h1><p>Your role does not allow"
                + " this page.</p><p><a href=\""
                + context
                + SignInPage.HOME
                + "\">Back to the dashboard</a></p></body></html>");
  }

  private static JsonObject problem(int status, String title, String detail) {
    return Problem.of(status, title).detail(detail).toJson();
  }
}
