package dev.taskyard.app.audit;

import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A console action, run and written to the audit log like the API's: who, role, what, target,
 * before and after, from where, and how it ended (as the API's status would say it). The person is
 * told the outcome on the page.
 */
@ApplicationScoped
public class ConsoleAudit {

  @Inject AuditLog log;

  /** What an action changed, for the log; either side may be null. */
  public record Change(Object before, Object after) {
    public static final Change NONE = new Change(null, null);
  }

  /** An action of a view bean that tells what it changed. */
  public interface Action {
    Change run() throws SQLException;
  }

  /**
   * Runs {@code action} as {@code name} on {@code target}, records it, and says {@code done} or why
   * not. Whether it succeeded.
   */
  public boolean run(String name, String target, Action action, String done) {
    return run(Role.VIEWER, name, target, action, done);
  }

  /**
   * As {@link #run(String, String, Action, String)}, for someone with at least {@code needed}: the
   * page offers the action to them only, and anyone else is refused (403) and recorded.
   */
  public boolean run(Role needed, String name, String target, Action action, String done) {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    Change[] change = {Change.NONE};
    Optional<Problem> refused =
        external.isUserInRole(needed.id())
            ? ConsoleActions.attempt(() -> change[0] = action.run())
            : Optional.of(
                Problem.of(403, "Forbidden")
                    .detail("Your role does not allow this; it needs " + needed.id() + "."));
    Principal user = external.getUserPrincipal();
    log.record(
        user == null ? null : user.getName(),
        AuditLog.highestRole(external::isUserInRole),
        name,
        target,
        change[0].before(),
        change[0].after(),
        ((HttpServletRequest) external.getRequest()).getRemoteAddr(),
        refused.map(Problem::status).orElse(200));
    ConsoleActions.report(refused, done);
    return refused.isEmpty();
  }
}
