package dev.taskyard.launcher;

/** Something stops the launch; its message is for the user, who sees nothing else. */
final class LaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  LaunchException(String message) {
    super(message);
  }

  LaunchException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
