package dev.taskyard.exporter;

import dev.taskyard.core.redis.RedisSettings;
import dev.taskyard.core.redis.RedisTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The exporter's settings, from its command line and environment (a flag wins). Passwords come from
 * files or the environment only, never the command line, where every local user could read them.
 *
 * @param redis the Redis to read: one server, a Sentinel-managed master or a cluster
 * @param listenHost the address to bind, {@code 0.0.0.0} for all
 * @param listenPort the port; 0 picks a free one
 * @param redisTimeoutMs how long a Redis command may take: a scrape with Redis away answers within
 *     about this
 * @param basicAuth the user and password {@code /metrics} asks for, if any
 * @param tls the keystore to serve HTTPS with, if any
 */
public record ExporterOptions(
    RedisTopology redis,
    String listenHost,
    int listenPort,
    int redisTimeoutMs,
    Optional<Credentials> basicAuth,
    Optional<Keystore> tls,
    boolean help) {

  public static final String DEFAULT_LISTEN = "0.0.0.0:9400";
  static final int DEFAULT_REDIS_TIMEOUT_MS = 1000;

  static final String USAGE =
      """
      Usage: java -jar taskyard-exporter.jar [options]
        --redis-url URL                 the Redis to read, redis://[:password@]host:port
                                        (env TASKYARD_REDIS_URL), or:
        --redis-sentinel-master NAME    the master Sentinel knows by NAME (env
                                        TASKYARD_REDIS_SENTINEL_MASTER), found through
        --redis-sentinel-nodes H:P,...  these Sentinels (env TASKYARD_REDIS_SENTINEL_NODES),
                                        their own password from
        --redis-sentinel-password-file F  this file (env TASKYARD_REDIS_SENTINEL_PASSWORD_FILE)
                                        or env TASKYARD_REDIS_SENTINEL_PASSWORD; or:
        --redis-cluster-nodes H:P,...   some nodes of a Redis Cluster (env
                                        TASKYARD_REDIS_CLUSTER_NODES)
        --redis-username USER           Redis ACL user (env TASKYARD_REDIS_USERNAME)
        --redis-password-file FILE      Redis password from this file (env
                                        TASKYARD_REDIS_PASSWORD_FILE) or env TASKYARD_REDIS_PASSWORD
        --listen HOST:PORT              where /metrics answers (env TASKYARD_EXPORTER_LISTEN;
                                        default 0.0.0.0:9400)
        --redis-timeout-ms MS           how long a Redis command may take (env
                                        TASKYARD_REDIS_TIMEOUT_MS; default 1000)
        --auth-user USER                ask for HTTP Basic credentials (env
                                        TASKYARD_EXPORTER_AUTH_USER), with the password from
        --auth-password-file FILE       this file (env TASKYARD_EXPORTER_AUTH_PASSWORD_FILE) or
                                        env TASKYARD_EXPORTER_AUTH_PASSWORD
        --tls-keystore FILE             serve HTTPS with this PKCS12 or JKS keystore (env
                                        TASKYARD_EXPORTER_TLS_KEYSTORE), its password from
        --tls-keystore-password-file F  this file (env TASKYARD_EXPORTER_TLS_KEYSTORE_PASSWORD_FILE)
                                        or env TASKYARD_EXPORTER_TLS_KEYSTORE_PASSWORD
        -h, --help                      this text
      """;

  /** A user and password for HTTP Basic authentication. */
  public record Credentials(String user, String password) {
    @Override
    public String toString() {
      return "Credentials[user=" + user + "]";
    }
  }

  /** A keystore file and its password. */
  public record Keystore(Path path, String password) {
    @Override
    public String toString() {
      return "Keystore[path=" + path + "]";
    }
  }

  /** The defaults for all but where Redis is and where to listen: plain HTTP, no authentication. */
  public static ExporterOptions of(RedisTopology redis, String listenHost, int listenPort) {
    return new ExporterOptions(
        redis,
        listenHost,
        listenPort,
        DEFAULT_REDIS_TIMEOUT_MS,
        Optional.empty(),
        Optional.empty(),
        false);
  }

  /**
   * @throws IllegalArgumentException naming the flag or variable that is wrong or missing
   */
  public static ExporterOptions parse(String[] args, Map<String, String> env) {
    Settings s = new Settings(env);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          return new ExporterOptions(
              null, "", 0, DEFAULT_REDIS_TIMEOUT_MS, Optional.empty(), Optional.empty(), true);
        }
        case "--redis-url",
            "--redis-sentinel-master",
            "--redis-sentinel-nodes",
            "--redis-sentinel-password-file",
            "--redis-cluster-nodes",
            "--redis-username",
            "--redis-password-file",
            "--listen",
            "--redis-timeout-ms",
            "--auth-user",
            "--auth-password-file",
            "--tls-keystore",
            "--tls-keystore-password-file" -> {
          if (i + 1 >= args.length || args[i + 1].isBlank()) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          s.flags.put(arg, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return s.options();
  }

  /** The flags given and the environment, read together. */
  private static final class Settings {
    private final Map<String, String> env;
    private final Map<String, String> flags = new HashMap<>();

    Settings(Map<String, String> env) {
      this.env = env;
    }

    private Optional<String> get(String flag, String variable) {
      return Optional.ofNullable(flags.get(flag)).filter(v -> !v.isBlank()).or(() -> env(variable));
    }

    private Optional<String> env(String variable) {
      return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
    }

    ExporterOptions options() {
      RedisTopology redis = RedisTopology.parse(new TopologySettings());
      String listen = get("--listen", "TASKYARD_EXPORTER_LISTEN").orElse(DEFAULT_LISTEN);
      int colon = listen.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--listen must be HOST:PORT, not " + listen);
      }
      String host = listen.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
      int port = number("--listen port", listen.substring(colon + 1), 0, 65535);
      int timeout =
          get("--redis-timeout-ms", "TASKYARD_REDIS_TIMEOUT_MS")
              .map(v -> number("--redis-timeout-ms", v, 1, 600_000))
              .orElse(DEFAULT_REDIS_TIMEOUT_MS);
      Optional<Credentials> auth =
          get("--auth-user", "TASKYARD_EXPORTER_AUTH_USER")
              .map(
                  user ->
                      new Credentials(
                          user,
                          secret(
                              "--auth-password-file",
                              "TASKYARD_EXPORTER_AUTH_PASSWORD_FILE",
                              "TASKYARD_EXPORTER_AUTH_PASSWORD")));
      if (auth.isEmpty()
          && (get("--auth-password-file", "TASKYARD_EXPORTER_AUTH_PASSWORD_FILE").isPresent()
              || env("TASKYARD_EXPORTER_AUTH_PASSWORD").isPresent())) {
        throw new IllegalArgumentException(
            "a password for basic auth is set but no user: set --auth-user (or"
                + " TASKYARD_EXPORTER_AUTH_USER)");
      }
      Optional<Keystore> tls =
          get("--tls-keystore", "TASKYARD_EXPORTER_TLS_KEYSTORE")
              .map(
                  path -> {
                    Path file = Path.of(path);
                    if (!Files.isReadable(file)) {
                      throw new IllegalArgumentException(
                          "--tls-keystore " + path + " is not a readable file");
                    }
                    return new Keystore(
                        file,
                        secret(
                            "--tls-keystore-password-file",
                            "TASKYARD_EXPORTER_TLS_KEYSTORE_PASSWORD_FILE",
                            "TASKYARD_EXPORTER_TLS_KEYSTORE_PASSWORD"));
                  });
      return new ExporterOptions(redis, host, port, timeout, auth, tls, false);
    }

    /**
     * The Redis settings by their canonical names: {@code taskyard.redis.sentinel.master} is the
     * flag {@code --redis-sentinel-master} or {@code TASKYARD_REDIS_SENTINEL_MASTER}; passwords
     * come from a {@code --...-password-file} or the environment only.
     */
    private final class TopologySettings implements RedisSettings {
      @Override
      public Optional<String> get(String name) {
        if (name.endsWith("password")) {
          return optionalSecret(
              flag(name) + "-file",
              RedisSettings.variable(name) + "_FILE",
              RedisSettings.variable(name));
        }
        return Settings.this.get(flag(name), RedisSettings.variable(name));
      }

      @Override
      public String label(String name) {
        String variable = RedisSettings.variable(name);
        return name.endsWith("password")
            ? flag(name) + "-file (or " + variable + ")"
            : flag(name) + " (or " + variable + ")";
      }

      private static String flag(String name) {
        return "--" + name.substring("taskyard.".length()).replace('.', '-');
      }
    }

    private String secret(String fileFlag, String fileVariable, String variable) {
      return optionalSecret(fileFlag, fileVariable, variable)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      fileFlag + " (or " + fileVariable + ", or " + variable + ") is required"));
    }

    private Optional<String> optionalSecret(String fileFlag, String fileVariable, String variable) {
      Optional<String> file = get(fileFlag, fileVariable);
      if (file.isPresent()) {
        try {
          return Optional.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
          throw new IllegalArgumentException(fileFlag + " " + file.get() + " cannot be read");
        }
      }
      return env(variable);
    }
  }

  private static int number(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a number from " + min + " to " + max + ", not " + value);
  }
}
