package dev.taskyard.app.platform;

import dev.taskyard.core.TaskyardException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a console action and tells the person what came of it, as a message: the same refusals as
 * the API's problems (the field at fault, an outage), never a stack trace.
 */
public final class ConsoleActions {
  private static final Logger LOG = Logger.getLogger(ConsoleActions.class.getName());

  /** An action of a view bean. */
  public interface Action {
    void run() throws SQLException;
  }

  private ConsoleActions() {}

  /** Runs {@code action}; says {@code done} if it succeeds, or why not. Whether it succeeded. */
  public static boolean run(Action action, String done) {
    Optional<Problem> refused = attempt(action);
    report(refused, done);
    return refused.isEmpty();
  }

  /** Runs {@code action}: nothing if it succeeds, else why not, as the API would answer. */
  public static Optional<Problem> attempt(Action action) {
    try {
      action.run();
      return Optional.empty();
    } catch (SQLException | RuntimeException e) {
      return Optional.of(problemOf(e));
    }
  }

  /** Says {@code done} (if any) after a success, or why an action was refused. */
  public static void report(Optional<Problem> refused, String done) {
    if (refused.isPresent()) {
      Problem problem = refused.get();
      say(
          problem.status() >= 500 ? FacesMessage.SEVERITY_WARN : FacesMessage.SEVERITY_ERROR,
          problem.summary());
    } else if (done != null) {
      say(FacesMessage.SEVERITY_INFO, done);
    }
  }

  /** Shows {@code text} to the person at the top of the page. */
  public static void say(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  static Problem problemOf(Exception e) {
    if (e instanceof ProblemException refused) {
      return refused.problem();
    }
    if (e instanceof TaskyardException refused) {
      return TaskyardExceptionMapper.problem(refused);
    }
    if (e instanceof SQLException) {
      OutageLog.warning(LOG, "PostgreSQL unavailable", e);
      return Problem.of(503, "PostgreSQL unavailable")
          .detail("PostgreSQL did not answer; try again later.");
    }
    LOG.log(Level.SEVERE, "Console action failed", e);
    return Problem.of(500, "Unexpected error").detail("The action failed; see the server log.");
  }
}
