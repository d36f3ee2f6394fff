package dev.taskyard.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * A real redis-server on loopback: the binary from the embedded-redis artifact (Redis 6.2), or the
 * one named by the system property {@value #BINARY_PROPERTY} or the environment variable {@value
 * #BINARY_ENV} (for example a current Redis from the operating system's packages). Without a data
 * directory it keeps nothing on disk; with one it writes an append-only file there (fsync on every
 * write), so a restart on the same directory keeps every acknowledged write.
 */
public final class EmbeddedRedis implements AutoCloseable {
  /** The system property naming a redis-server binary to run instead of the artifact's. */
  public static final String BINARY_PROPERTY = "taskyard.redis.server";

  /** The environment variable naming a redis-server binary to run instead of the artifact's. */
  public static final String BINARY_ENV = "TASKYARD_REDIS_SERVER";

  private final int port;
  private final Optional<Path> dataDir;
  private final Thread stopHook = new Thread(this::stop, "embedded-redis-stop");
  private RedisServer server;

  private EmbeddedRedis(int port, Optional<Path> dataDir) {
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts a server without persistence on a free port. */
  public static EmbeddedRedis start() {
    return start(freePort(), Optional.empty());
  }

  /** Starts a server on {@code port}, persisting to {@code dataDir} if given. */
  public static EmbeddedRedis start(int port, Optional<Path> dataDir) {
    EmbeddedRedis redis = new EmbeddedRedis(port, dataDir);
    redis.startServer();
    Runtime.getRuntime().addShutdownHook(redis.stopHook);
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the server process if it runs and starts it again on the same port and data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  @Override
  public void close() {
    stop();
    withoutStopHook();
  }

  /**
   * Leaves stopping the server at JVM exit to the caller, who can then stop it after whatever uses
   * it: the JVM runs shutdown hooks concurrently, in no order.
   */
  public EmbeddedRedis withoutStopHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook itself
    }
    return this;
  }

  private synchronized void startServer() {
    try {
      var builder =
          RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1").setting("save \"\"");
      Optional<File> binary = configuredBinary();
      if (binary.isPresent()) {
        builder.executableProvider(binary::get);
      }
      if (dataDir.isPresent()) {
        builder
            .setting("dir " + dataDir.get().toAbsolutePath())
            .setting("appendonly yes")
            .setting("appendfsync always");
      } else {
        builder.setting("appendonly no");
      }
      server = builder.build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded Redis server on port " + port, e);
    }
  }

  /** Stops the server process, keeping its data directory; {@link #restart()} brings it back. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException e) {
        // the process dies with the JVM anyway
      }
      server = null;
    }
  }

  /**
   * The redis-server binary chosen by {@value #BINARY_PROPERTY} or {@value #BINARY_ENV}, if any.
   *
   * @throws IllegalStateException if the named file is not an executable: a test run asked for a
   *     particular Redis must not quietly run another
   */
  static Optional<File> configuredBinary() {
    String named = System.getProperty(BINARY_PROPERTY, System.getenv(BINARY_ENV));
    if (named == null || named.isBlank()) {
      return Optional.empty();
    }
    File file = new File(named.trim());
    if (!file.canExecute()) {
      throw new IllegalStateException(
          "The redis-server named by "
              + BINARY_PROPERTY
              + "/"
              + BINARY_ENV
              + " is not an executable: "
              + file);
    }
    return Optional.of(file);
  }

  /** A port that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
