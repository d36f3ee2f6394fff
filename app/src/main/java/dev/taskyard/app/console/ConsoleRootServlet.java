package dev.taskyard.app.console;

import dev.taskyard.app.security.SignInPage;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The context root is the console's address: it opens the console (or its sign-in page). */
@WebServlet(urlPatterns = "")
public class ConsoleRootServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + SignInPage.HOME);
  }
}
