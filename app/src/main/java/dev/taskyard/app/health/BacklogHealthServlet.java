package dev.taskyard.app.health;

import dev.taskyard.app.platform.OutageLog;
import dev.taskyard.app.platform.ProblemException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * The backlog health of every queue for monitoring systems, at {@code <app>/health/backlog}: 200
 * when every queue is within its thresholds, 503 otherwise or when Redis does not answer. Payara
 * serves no MicroProfile Health groups ({@code /health/group/...}), and these checks must not take
 * the node out of readiness, so they have their own endpoint, open like {@code /health}.
 */
@WebServlet("/health/backlog")
public class BacklogHealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(BacklogHealthServlet.class.getName());

  @Inject transient BacklogHealth backlog;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObject health;
    try {
      health = backlog.check();
    } catch (RuntimeException e) {
      OutageLog.warning(LOG, "Backlog health could not be read", e);
      health =
          Json.createObjectBuilder()
              .add("status", "DOWN")
              .add("checks", Json.createArrayBuilder())
              .add(
                  "error", e instanceof ProblemException ? "Redis unavailable" : "Unexpected error")
              .build();
    }
    response.setStatus("UP".equals(health.getString("status")) ? 200 : 503);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(health.toString());
  }
}
