package dev.taskyard.app.health;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The history plane's health for monitoring systems, at {@code <app>/health/history}: PostgreSQL
 * ({@link DatabaseHealthCheck}) and the archive lag ({@link ArchiveHealthCheck}), in the
 * MicroProfile Health format; 200 when both are UP, 503 otherwise. Kept out of readiness: a node
 * serves submit, status and task actions from Redis alone, and all nodes share PostgreSQL and the
 * lag, so counting them in readiness would take every node out of service at once. Open like {@code
 * /health}.
 */
@WebServlet("/health/history")
public class HistoryHealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient DatabaseHealthCheck database;
  @Inject transient ArchiveHealthCheck archive;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean up = true;
    JsonArrayBuilder checks = Json.createArrayBuilder();
    for (HealthCheck check : List.<HealthCheck>of(database, archive)) {
      HealthCheckResponse result = check.call();
      up &= result.getStatus() == HealthCheckResponse.Status.UP;
      checks.add(toJson(result));
    }
    response.setStatus(up ? 200 : 503);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", checks)
                .build()
                .toString());
  }

  private static JsonObjectBuilder toJson(HealthCheckResponse result) {
    JsonObjectBuilder data = Json.createObjectBuilder();
    result
        .getData()
        .map(Map::entrySet)
        .ifPresent(
            entries -> entries.forEach(e -> data.add(e.getKey(), String.valueOf(e.getValue()))));
    return Json.createObjectBuilder()
        .add("name", result.getName())
        .add("status", result.getStatus().name())
        .add("data", data);
  }
}
