package dev.taskyard.app.security;

/** PostgreSQL, where managed users and API tokens live, did not answer a sign-in's question. */
public class UserDirectoryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserDirectoryUnavailableException(Exception cause) {
    super("The user directory (PostgreSQL) is unavailable", cause);
  }
}
