package dev.taskyard.app.alerts;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Queue alerts raised by this cluster, from PostgreSQL. */
@Path("queue/alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
  static final int MAX_LIMIT = 1000;

  @Inject AlertStore store;

  /**
   * Alerts newest first.
   *
   * @param state {@code open} (the default) or {@code all}
   */
  @GET
  public List<Alert> alerts(
      @QueryParam("state") @DefaultValue("open") String state,
      @QueryParam("queue") String queue,
      @QueryParam("limit") @DefaultValue("100") int limit)
      throws SQLException {
    if (!state.equals("open") && !state.equals("all")) {
      throw new ProblemException(Problem.badInput("state", "must be open or all"));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ProblemException(Problem.badInput("limit", "must be between 1 and " + MAX_LIMIT));
    }
    return store.list(state.equals("open"), Optional.ofNullable(queue), limit);
  }
}
