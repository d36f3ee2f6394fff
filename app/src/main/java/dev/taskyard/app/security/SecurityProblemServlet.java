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

  private static JsonObject problem(int status, String title, String detail) {
    return Problem.of(status, title).detail(detail).toJson();
  }
}
