package dev.taskyard.app.queues;

import dev.taskyard.app.metrics.ChartSeries;
import dev.taskyard.app.platform.BadParameterException;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.core.control.QueueNames;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard charts' newest points, for {@code console.js} to extend them with when the live
 * feed says a metrics sample was written: {@code GET
 * console/dashboard/charts?range=1h&queue=emails&since=1765100000000} answers the points from the
 * one holding {@code since} (epoch ms) on, and where the range now starts ({@link
 * DashboardCharts#tail}). Under {@code /console/}, so for signed-in people only ({@code web.xml}).
 */
@WebServlet(urlPatterns = DashboardChartServlet.PATH)
public class DashboardChartServlet extends HttpServlet {
  static final String PATH = "/console/dashboard/charts";
  private static final long serialVersionUID = 1L;

  @Inject transient ChartSeries series;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String[] answer = new String[1];
    Optional<Problem> refused = ConsoleActions.attempt(() -> answer[0] = answer(request));
    if (refused.isPresent()) {
      refused.get().send(response);
      return;
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(answer[0]);
  }

  private String answer(HttpServletRequest request) throws SQLException {
    DashboardRange range = DashboardAddress.range(request.getParameter("range"));
    String queue = request.getParameter("queue");
    queue = queue == null || queue.isBlank() ? null : QueueNames.check(queue.trim());
    Instant now = Instant.now();
    Duration step = DashboardCharts.step(range);
    Instant from = DashboardCharts.from(range, now);
    Instant start = since(request.getParameter("since"), from, now, step);
    List<JsonObject> points =
        DashboardCharts.points(series.points(queue, start, now, step), step, now);
    return DashboardCharts.tail(from, now, points);
  }

  /** The start of the point holding {@code since}, within [{@code from}, {@code now}]. */
  static Instant since(String since, Instant from, Instant now, Duration step) {
    if (since == null || since.isBlank()) {
      return from;
    }
    long ms;
    try {
      ms = Long.parseLong(since.trim());
    } catch (NumberFormatException e) {
      throw new BadParameterException("since", "must be a time in epoch milliseconds");
    }
    Instant start = DashboardCharts.align(Instant.ofEpochMilli(ms), step);
    if (start.isBefore(from)) {
      return from;
    }
    return start.isAfter(now) ? DashboardCharts.align(now, step) : start;
  }
}
