package dev.taskyard.app.security;

import java.util.Set;

/**
 * The application's roles. A user's groups carry the same names, and {@code glassfish-web.xml} maps
 * each group to its role.
 */
public final class Roles {
  /** Everything, including user and security settings. */
  public static final String ADMIN = "admin";

  /** Submits and acts on tasks and queues. */
  public static final String OPERATOR = "operator";

  /** Reads only. */
  public static final String VIEWER = "viewer";

  static final Set<String> ADMIN_GROUPS = Set.of(ADMIN, OPERATOR, VIEWER);
  static final Set<String> OPERATOR_GROUPS = Set.of(OPERATOR, VIEWER);
  static final Set<String> VIEWER_GROUPS = Set.of(VIEWER);

  private Roles() {}
}
