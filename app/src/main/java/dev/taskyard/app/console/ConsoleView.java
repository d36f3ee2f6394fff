package dev.taskyard.app.console;

import dev.taskyard.app.platform.OutageLog;
import dev.taskyard.app.platform.Role;
import dev.taskyard.app.platform.Roles;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.security.Principal;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * What every console page shows of the signed-in user: name, role, what they may do, and their
 * theme (read once per session, remembered per user).
 */
@Named
@SessionScoped
public class ConsoleView implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ConsoleView.class.getName());

  @Inject transient UserPreferences preferences;

  private Theme theme = Theme.LIGHT;
  private String themeOf;

  public String getUser() {
    Principal user = external().getUserPrincipal();
    return user == null ? null : user.getName();
  }

  public String getRole() {
    return Role.highest(external()::isUserInRole).id();
  }

  /** Whether the user may act on tasks and queues: the server checks again on every action. */
  public boolean isOperator() {
    return external().isUserInRole(Roles.OPERATOR);
  }

  public boolean isAdmin() {
    return external().isUserInRole(Roles.ADMIN);
  }

  /** The PrimeFaces theme to render with. */
  public String getTheme() {
    return current().primeFaces();
  }

  /** {@code light} or {@code dark}, for the page's own styles. */
  public String getThemeId() {
    return current().id();
  }

  public void toggleTheme() {
    Theme next = current().other();
    theme = next;
    String user = getUser();
    if (user == null) {
      return;
    }
    try {
      preferences.setTheme(user, next);
    } catch (SQLException | RuntimeException e) {
      OutageLog.warning(LOG, "Theme not remembered: PostgreSQL unavailable", e);
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_WARN,
                  "Theme changed for this session only: it could not be saved.",
                  null));
    }
  }

  private Theme current() {
    String user = getUser();
    if (user != null && !user.equals(themeOf)) {
      themeOf = user;
      try {
        theme = preferences.theme(user).orElse(theme);
      } catch (SQLException | RuntimeException e) {
        OutageLog.warning(LOG, "Theme not read: PostgreSQL unavailable", e);
      }
    }
    return theme;
  }

  private static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
