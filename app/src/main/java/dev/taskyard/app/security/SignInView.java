package dev.taskyard.app.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** The sign-in page ({@code sign-in.xhtml}) and signing out from any console page. */
@Named
@RequestScoped
public class SignInView {

  /** Why a sign-in was refused, as the page says it. */
  public record Refusal(String message) {
    static final Refusal WRONG_CREDENTIALS = new Refusal("Wrong user name or password.");
    static final Refusal DIRECTORY_UNAVAILABLE =
        new Refusal(
            "Users are kept in PostgreSQL, which does not answer; configured users can still sign"
                + " in. Try again later.");

    static Refusal tooManyFailures(Duration wait) {
      return new Refusal(
          "Too many failed sign-ins from here or as this user; try again in "
              + Math.max(1, wait.toSeconds())
              + " s.");
    }
  }

  @Inject SecurityContext security;

  private String user;
  private String password;
  private String next;

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    char[] secret = password == null ? new char[0] : password.toCharArray();
    password = null;
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(user, new Password(secret))));
    if (status == AuthenticationStatus.SUCCESS) {
      external.redirect(external.getRequestContextPath() + SignInPage.afterSignIn(next));
      return;
    }
    Refusal refusal =
        request.getAttribute(TaskyardAuthentication.REFUSAL) instanceof Refusal r
            ? r
            : Refusal.WRONG_CREDENTIALS;
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.message(), null));
  }

  public void signOut() throws IOException, ServletException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    // The mechanism's cleanSubject ends the session too.
    ((HttpServletRequest) external.getRequest()).logout();
    external.redirect(external.getRequestContextPath() + SignInPage.PATH + "?signed-out");
  }
}
