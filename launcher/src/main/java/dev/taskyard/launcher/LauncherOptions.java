package dev.taskyard.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command line and environment of the launcher.
 *
 * @param exporterPort the exporter's port when given; otherwise TASKYARD_EXPORTER_LISTEN or the
 *     exporter's default decides
 */
record LauncherOptions(Path dataDir, int port, Optional<Integer> exporterPort, boolean help) {
  static final String USAGE =
      """
      Usage: ./taskyard [--data DIR] [--port PORT] [--exporter-port PORT]
        --data DIR            Redis and PostgreSQL data, admin credentials, logs and the demo
                              inbox (default: $TASKYARD_HOME, else ./taskyard-data)
        --port PORT           the HTTP port (default: 8080)
        --exporter-port PORT  the Prometheus exporter's port (default: 9400)
      Environment:
        TASKYARD_REDIS_URL       use this Redis instead of starting one; or a Sentinel's
                                 TASKYARD_REDIS_SENTINEL_MASTER and _SENTINEL_NODES, or
                                 TASKYARD_REDIS_CLUSTER_NODES, with TASKYARD_REDIS_PASSWORD
                                 (docs/configuration.md)
        TASKYARD_DATABASE_URL    use this PostgreSQL (JDBC URL) instead of starting one,
                                 with TASKYARD_DATABASE_USER and TASKYARD_DATABASE_PASSWORD
        TASKYARD_ADMIN_USER      the administrator's name (default: admin)
        TASKYARD_ADMIN_PASSWORD  the administrator's password (default: generated on first
                                 start and kept in the data directory)
        TASKYARD_HOME            the data directory
        TASKYARD_EXPORTER_*      the exporter's settings (docs/configuration.md): listen
                                 address, basic auth, TLS
      """;
  static final int DEFAULT_PORT = 8080;

  static LauncherOptions parse(String[] args, Map<String, String> env) {
    Path dataDir = Path.of(env.getOrDefault("TASKYARD_HOME", "taskyard-data"));
    int port = DEFAULT_PORT;
    Optional<Integer> exporterPort = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> dataDir = Path.of(value(args, ++i, "--data"));
        case "--port" -> port = port("--port", value(args, ++i, "--port"));
        case "--exporter-port" ->
            exporterPort =
                Optional.of(port("--exporter-port", value(args, ++i, "--exporter-port")));
        case "-h", "--help" -> {
          return new LauncherOptions(dataDir, port, exporterPort, true);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new LauncherOptions(dataDir.toAbsolutePath().normalize(), port, exporterPort, false);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].isBlank()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String option, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a number from 1 to 65535, not " + value);
  }
}
