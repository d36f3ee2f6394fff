package dev.taskyard.app.alerts;

import dev.taskyard.app.audit.ConsoleAudit;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.app.platform.Role;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The console's notifications page ({@code console/notifications/list.xhtml}): the alerts of queues
 * and worker nodes, newest first, with who acknowledged each and when. New ones also appear as
 * toasts on every page (the live feed), and this list reloads when one is raised or resolved.
 */
@Named
@ViewScoped
public class NotificationListView implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int LIMIT = 200;

  @Inject transient AlertStore store;
  @Inject transient ConsoleAudit audit;

  private boolean all;
  private transient List<Alert> alerts;

  public List<Alert> getAlerts() {
    if (alerts == null) {
      alerts = List.of();
      ConsoleActions.run(() -> alerts = store.list(!all, Optional.empty(), LIMIT), null);
    }
    return alerts;
  }

  /** Reads the list again (the live feed asks when an alert is raised or resolved). */
  public void reload() {
    alerts = null;
  }

  /** {@code subject} is the alert's queue or node, named in the audit log. */
  public void acknowledge(long id, String subject) {
    String user =
        FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
    if (audit.run(
        Role.OPERATOR,
        "alert.acknowledge",
        subject + "/" + id,
        () ->
            new ConsoleAudit.Change(
                null,
                store
                    .acknowledge(id, user)
                    .orElseThrow(
                        () ->
                            new ProblemException(
                                Problem.of(404, "Not Found")
                                    .field("id")
                                    .detail("No alert " + id + ".")))),
        "Acknowledged.")) {
      alerts = null;
    }
  }

  public boolean isAll() {
    return all;
  }

  public void setAll(boolean all) {
    this.all = all;
    alerts = null;
  }
}
