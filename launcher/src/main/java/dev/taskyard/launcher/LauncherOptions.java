package dev.taskyard.launcher;

import java.nio.file.Path;
import java.util.Map;

/** The command line and environment of the launcher. */
record LauncherOptions(Path dataDir, int port, boolean help) {
  static final String USAGE =
      """
      Usage: ./taskyard [--data DIR] [--port PORT]
        --data DIR    Redis and PostgreSQL data, admin credentials, logs and the demo inbox
                      (default: $TASKYARD_HOME, else ./taskyard-data)
        --port PORT   the HTTP port (default: 8080)
      Environment:
        TASKYARD_REDIS_URL       use this Redis instead of starting one
        TASKYARD_DATABASE_URL    use this PostgreSQL (JDBC URL) instead of starting one,
                                 with TASKYARD_DATABASE_USER and TASKYARD_DATABASE_PASSWORD
        TASKYARD_ADMIN_USER      the administrator's name (default: admin)
        TASKYARD_ADMIN_PASSWORD  the administrator's password (default: generated on first
                                 start and kept in the data directory)
        TASKYARD_HOME            the data directory
      """;
  static final int DEFAULT_PORT = 8080;

  static LauncherOptions parse(String[] args, Map<String, String> env) {
    Path dataDir = Path.of(env.getOrDefault("TASKYARD_HOME", "taskyard-data"));
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> dataDir = Path.of(value(args, ++i, "--data"));
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "-h", "--help" -> {
          return new LauncherOptions(dataDir, port, true);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new LauncherOptions(dataDir.toAbsolutePath().normalize(), port, false);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].isBlank()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port must be a number from 1 to 65535, not " + value);
  }
}
