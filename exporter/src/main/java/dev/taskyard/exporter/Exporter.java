package dev.taskyard.exporter;

import com.sun.net.httpserver.HttpsConfigurator;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.TaskyardOptions;
import dev.taskyard.core.redis.RedisTopology;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The exporter: serves the queues' state in Redis on {@code /metrics} for Prometheus. It starts
 * whether Redis answers or not, and keeps answering while Redis is away ({@code taskyard_redis_up
 * 0}). {@code java -jar taskyard-exporter.jar --help} lists its settings; the launcher runs the
 * same code in its own process.
 */
public final class Exporter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Exporter.class.getName());

  /** Exit code for bad settings: flags, variables or files. */
  static final int EXIT_USAGE = 2;

  /** Exit code when the exporter cannot start with good settings (the port is taken). */
  static final int EXIT_START = 1;

  private final RedissonClient redisson;
  private final ExecutorService parts;
  private final HTTPServer server;
  private final URI address;

  private Exporter(RedissonClient redisson, ExecutorService parts, HTTPServer server, URI address) {
    this.redisson = redisson;
    this.parts = parts;
    this.server = server;
    this.address = address;
  }

  public static void main(String[] args) throws InterruptedException {
    ExporterOptions options;
    try {
      options = ExporterOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("taskyard-exporter: " + e.getMessage());
      System.err.print(ExporterOptions.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    if (options.help()) {
      System.out.print(ExporterOptions.USAGE);
      return;
    }
    try {
      Exporter exporter = start(options);
      Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "exporter-stop"));
      System.out.println("Taskyard exporter serving " + exporter.address());
    } catch (IllegalArgumentException e) {
      System.err.println("taskyard-exporter: " + e.getMessage());
      System.exit(EXIT_USAGE);
    } catch (IOException | RuntimeException | LinkageError e) {
      // Redisson's threads would keep a half-started process alive: end it.
      System.err.println("taskyard-exporter: cannot serve on " + listen(options) + ": " + e);
      System.exit(EXIT_START);
    }
    // The HTTP server's threads are daemons: serve until the JVM is stopped (SIGTERM runs the
    // hook).
    new CountDownLatch(1).await();
  }

  /**
   * Starts serving; Redis is connected to lazily, so it may be away now.
   *
   * @throws IllegalArgumentException the TLS keystore cannot be opened with its password
   * @throws IOException the address cannot be bound
   */
  public static Exporter start(ExporterOptions options) throws IOException {
    HttpsConfigurator https = options.tls().map(Exporter::https).orElse(null);
    RedissonClient redisson = Redisson.create(redisConfig(options));
    ExecutorService parts =
        Executors.newFixedThreadPool(
            6,
            r -> {
              Thread t = new Thread(r, "exporter-read");
              t.setDaemon(true);
              return t;
            });
    try {
      Taskyard taskyard = Taskyard.create(redisson, TaskyardOptions.defaults());
      PrometheusRegistry registry = new PrometheusRegistry();
      registry.register(new TaskyardCollector(new RedisReader(taskyard, parts), new SelfMetrics()));
      HTTPServer.Builder builder =
          HTTPServer.builder()
              .hostname(options.listenHost())
              .port(options.listenPort())
              .registry(registry);
      options.basicAuth().ifPresent(c -> builder.authenticator(new MetricsAuthenticator(c)));
      if (https != null) {
        builder.httpsConfigurator(https);
      }
      HTTPServer server = builder.buildAndStart();
      URI address = address(options, server.getPort(), https != null);
      LOG.info("Serving " + address + ", reading Redis at " + options.redis().describe());
      return new Exporter(redisson, parts, server, address);
    } catch (IOException | RuntimeException | LinkageError e) {
      parts.shutdownNow();
      redisson.shutdown();
      if (e instanceof BindException) {
        throw new BindException("the address is in use (" + e.getMessage() + ")");
      }
      throw e;
    }
  }

  /** Where {@code /metrics} answers, for people: {@code localhost} for a wildcard address. */
  public URI address() {
    return address;
  }

  @Override
  public void close() {
    server.close();
    parts.shutdownNow();
    redisson.shutdown();
  }

  /**
   * The engine's Redisson settings, failing fast: a scrape with Redis away answers within about the
   * timeout (no resends: Prometheus scrapes again anyway), and the client starts without Redis,
   * connecting when first used.
   */
  static Config redisConfig(ExporterOptions options) {
    Config config = options.redis().config();
    config.setLazyInitialization(true);
    RedisTopology.servers(config)
        .setTimeout(options.redisTimeoutMs())
        .setConnectTimeout(options.redisTimeoutMs())
        .setRetryAttempts(0);
    RedisTopology.minimumIdleConnections(config, 1);
    return config;
  }

  private static HttpsConfigurator https(ExporterOptions.Keystore keystore) {
    try {
      char[] password = keystore.password().toCharArray();
      KeyStore store = KeyStore.getInstance(keystore.path().toFile(), password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      return new HttpsConfigurator(tls);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot open the TLS keystore " + keystore.path() + " with its password: " + e);
    }
  }

  private static URI address(ExporterOptions options, int port, boolean https) {
    String host = options.listenHost();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      host = "localhost";
    }
    return URI.create(
        (https ? "https" : "http")
            + "://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + port
            + "/metrics");
  }

  private static String listen(ExporterOptions options) {
    return options.listenHost() + ":" + options.listenPort();
  }
}
