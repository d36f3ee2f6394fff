package dev.taskyard.launcher;

import dev.taskyard.core.redis.RedisSettings;
import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedDatabase;
import dev.taskyard.embedded.EmbeddedRedis;
import dev.taskyard.exporter.Exporter;
import dev.taskyard.exporter.ExporterOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Runs Taskyard with one command: an embedded Redis (append-only file) and PostgreSQL unless {@code
 * TASKYARD_REDIS_*} (a server, Sentinel or Cluster) / {@code TASKYARD_DATABASE_URL} name existing
 * ones, the Prometheus exporter, then Payara Micro with the application and the demo, all keeping
 * their data in one directory. Prints where everything answers once the application is ready;
 * Ctrl-C stops everything, the application first.
 */
public final class Launcher {
  static final String READY = "Taskyard is ready";
  private static final String CONTEXT = "/taskyard-app/";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final LauncherOptions options;
  private final Map<String, String> env;
  private final StartedServices services = new StartedServices();

  private Launcher(LauncherOptions options, Map<String, String> env) {
    this.options = options;
    this.env = env;
  }

  public static void main(String[] args) throws InterruptedException {
    LauncherOptions options;
    try {
      options = LauncherOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("taskyard: " + e.getMessage());
      System.err.print(LauncherOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(LauncherOptions.USAGE);
      return;
    }
    Launcher launcher = new Launcher(options, System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(launcher.services::stopAll, "taskyard-stop"));
    try {
      int exitCode = launcher.run();
      if (!launcher.services.stopping()) {
        System.err.println(
            "taskyard: Payara Micro exited with code "
                + exitCode
                + "; see "
                + launcher.logs().resolve("payara.log"));
        System.exit(1);
      }
    } catch (LaunchException e) {
      if (!launcher.services.stopping()) { // else stopped while starting, as asked
        System.err.println("taskyard: " + e.getMessage());
        System.exit(1); // the shutdown hook stops whatever had started
      }
    }
  }

  /** Starts everything, prints where it answers, and waits for Payara Micro to end. */
  private int run() throws LaunchException, InterruptedException {
    long startNanos = System.nanoTime();
    ensurePortFree(options.port());
    Path data = options.dataDir();
    Path inbox = data.resolve("inbox");
    AdminCredentials admin;
    try {
      Files.createDirectories(logs());
      Files.createDirectories(inbox);
      logEmbeddedServersTo(logs().resolve("launcher.log"));
      admin = AdminCredentials.resolve(data, env);
    } catch (IOException e) {
      throw new LaunchException("Cannot use the data directory " + data, e);
    }

    Endpoint redis = redis(data.resolve("redis"));
    URI exporter = exporter(redis);
    Endpoint database = database(data.resolve("postgres"));

    Map<String, String> properties = new LinkedHashMap<>();
    if (redis.embedded()) { // else the application reads TASKYARD_REDIS_* as the launcher did
      properties.put("taskyard.redis.url", redis.url());
    }
    properties.put("taskyard.database.url", database.url());
    if (database.embedded()) {
      properties.put("taskyard.database.user", EmbeddedDatabase.USER);
    }
    properties.put("taskyard.demo.enabled", "true");
    properties.put("taskyard.demo.inbox", inbox.toString());
    // In the environment, not on the command line, where every local user could read them.
    Map<String, String> secrets =
        Map.of("TASKYARD_ADMIN_USER", admin.user(), "TASKYARD_ADMIN_PASSWORD", admin.password());

    Path home = launcherHome();
    Path payaraLog = logs().resolve("payara.log");
    System.out.println(
        "Starting Payara Micro on port " + options.port() + " (log: " + payaraLog + ")");
    PayaraMicro payara;
    try {
      payara =
          PayaraMicro.start(
              home.resolve("payara-micro.jar"),
              home.resolve("taskyard-app.war"),
              home.resolve("pre-boot-commands.asadmin"),
              options.port(),
              properties,
              secrets,
              payaraLog);
    } catch (IOException e) {
      throw new LaunchException("Cannot start Payara Micro", e);
    }
    services.add("Payara Micro", payara::stop);
    payara.awaitReady(url("/health/ready"), START_TIMEOUT);

    double seconds = (System.nanoTime() - startNanos) / 1e9;
    printReady(seconds, admin, inbox, redis, exporter, database, payaraLog);
    return payara.waitFor();
  }

  private Endpoint redis(Path dir) throws LaunchException {
    RedisSettings settings = RedisSettings.environment(env);
    if (settings.choosesTopology()) {
      RedisTopology external;
      try {
        external = RedisTopology.parse(settings);
        RedisTopology.durability(settings);
      } catch (IllegalArgumentException e) {
        throw new LaunchException("Bad Redis setting: " + e.getMessage());
      }
      System.out.println("Using Redis at " + external.describe());
      return new Endpoint(external.describe(), false, dir);
    }
    try {
      RedisTopology.durability(embeddedServer(settings));
    } catch (IllegalArgumentException e) {
      throw new LaunchException("Bad Redis setting: " + e.getMessage());
    }
    System.out.println("Starting Redis (append-only file in " + dir + ")");
    try {
      Files.createDirectories(dir);
      EmbeddedRedis redis = EmbeddedRedis.start(EmbeddedRedis.freePort(), Optional.of(dir));
      services.add("Redis", redis.withoutStopHook()::close);
      return new Endpoint(redis.url(), true, dir);
    } catch (IOException | RuntimeException e) {
      throw new LaunchException("Cannot start the embedded Redis", e);
    }
  }

  /**
   * The settings as the application sees them with the embedded Redis: one server, whose URL the
   * launcher passes, so that a durability that needs replicas fails here, before Payara starts.
   */
  private static RedisSettings embeddedServer(RedisSettings settings) {
    return new RedisSettings() {
      @Override
      public Optional<String> get(String name) {
        return name.equals(RedisTopology.URL)
            ? Optional.of("redis://127.0.0.1:6379")
            : settings.get(name);
      }

      @Override
      public String label(String name) {
        return settings.label(name);
      }
    };
  }

  /**
   * Starts the Prometheus exporter in this process (the code the exporter jar runs), reading the
   * same Redis; its settings come from TASKYARD_EXPORTER_* and {@code --exporter-port}.
   */
  private URI exporter(Endpoint redis) throws LaunchException {
    // An external Redis's TASKYARD_REDIS_* settings are in the environment the exporter reads.
    List<String> args =
        new ArrayList<>(redis.embedded() ? List.of("--redis-url", redis.url()) : List.of());
    options.exporterPort().ifPresent(port -> args.addAll(List.of("--listen", "0.0.0.0:" + port)));
    ExporterOptions settings;
    try {
      settings = ExporterOptions.parse(args.toArray(String[]::new), env);
    } catch (IllegalArgumentException e) {
      throw new LaunchException("Bad exporter setting: " + e.getMessage());
    }
    try {
      Exporter exporter = Exporter.start(settings);
      services.add("the exporter", exporter::close);
      return exporter.address();
    } catch (IOException | IllegalArgumentException e) {
      throw new LaunchException(
          "Cannot start the exporter on "
              + settings.listenHost()
              + ":"
              + settings.listenPort()
              + " ("
              + e.getMessage()
              + "); choose another port with --exporter-port");
    }
  }

  private Endpoint database(Path dir) throws LaunchException {
    Optional<String> external = configured("TASKYARD_DATABASE_URL");
    if (external.isPresent()) {
      System.out.println("Using PostgreSQL at TASKYARD_DATABASE_URL");
      return new Endpoint(external.get(), false, dir);
    }
    System.out.println("Starting PostgreSQL (data in " + dir + ")");
    try {
      EmbeddedDatabase database = EmbeddedDatabase.startDurable(EmbeddedRedis.freePort(), dir);
      services.add("PostgreSQL", database.withoutStopHook()::close);
      return new Endpoint(database.jdbcUrl(), true, dir);
    } catch (RuntimeException e) {
      throw new LaunchException("Cannot start the embedded PostgreSQL", e);
    }
  }

  private void printReady(
      double seconds,
      AdminCredentials admin,
      Path inbox,
      Endpoint redis,
      URI exporter,
      Endpoint database,
      Path payaraLog) {
    String password =
        admin
            .file()
            .map(file -> admin.password() + "  (kept in " + file + ")")
            .orElse("as set in TASKYARD_ADMIN_PASSWORD");
    System.out.printf(
        Locale.ROOT,
        """
        %s in %.1f s
          Console:        %s
          Admin user:     %s
          Admin password: %s
          API:            %s
          OpenAPI:        %s
          Health:         %s
          Metrics:        %s (Payara's own)
          Exporter:       %s (Prometheus)
          Time series:    %s
          Demo inbox:     %s (drop files here)
          Redis:          %s
          PostgreSQL:     %s
          Logs:           %s, %s
        Press Ctrl-C to stop.
        """,
        READY,
        seconds,
        url(CONTEXT),
        admin.user(),
        password,
        url(CONTEXT + "api/queue/status"),
        url("/openapi"),
        url("/health"),
        url("/metrics"),
        exporter,
        url(CONTEXT + "api/queue/metrics")
            + "?queue=reports&from="
            + Instant.now().truncatedTo(ChronoUnit.MINUTES),
        inbox,
        redis.describe(),
        database.describe(),
        payaraLog,
        logs().resolve("launcher.log"));
    System.out.flush();
  }

  private URI url(String path) {
    try {
      return new URI("http", null, "localhost", options.port(), path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(path, e);
    }
  }

  private Path logs() {
    return options.dataDir().resolve("logs");
  }

  private Optional<String> configured(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(value -> !value.isBlank());
  }

  /** Fails before anything starts when another process holds the HTTP port. */
  private static void ensurePortFree(int port) throws LaunchException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (BindException e) {
      throw new LaunchException(
          "port " + port + " is already in use; stop what uses it or choose another with --port");
    } catch (IOException e) {
      throw new LaunchException("Cannot check port " + port, e);
    }
  }

  /** The embedded servers log through SLF4J to java.util.logging: into a file, not the console. */
  private static void logEmbeddedServersTo(Path file) throws IOException {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    FileHandler handler = new FileHandler(file.toString(), true);
    handler.setFormatter(new SimpleFormatter());
    root.addHandler(handler);
  }

  /** The directory of the launcher jar, where the build put Payara Micro and the WAR. */
  private static Path launcherHome() throws LaunchException {
    try {
      return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new LaunchException("Cannot find the launcher's directory", e);
    }
  }

  /** A server the application uses, started here or configured (its URL without a password). */
  private record Endpoint(String url, boolean embedded, Path dataDir) {
    String describe() {
      return embedded ? url + " (embedded, data in " + dataDir + ")" : url + " (external)";
    }
  }
}
