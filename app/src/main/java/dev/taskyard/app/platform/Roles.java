package dev.taskyard.app.platform;

/**
 * The names of the application's roles, for annotations and {@code isUserInRole}; {@link Role} is
 * their order. A user's groups carry the same names, and {@code glassfish-web.xml} maps each group
 * to its role.
 */
public final class Roles {
  /** Everything, including user and security settings. */
  public static final String ADMIN = "admin";

  /** Submits and acts on tasks and queues. */
  public static final String OPERATOR = "operator";

  /** Reads only. */
  public static final String VIEWER = "viewer";

  private Roles() {}
}
