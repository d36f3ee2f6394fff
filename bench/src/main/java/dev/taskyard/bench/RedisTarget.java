package dev.taskyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;
import redis.embedded.RedisServer;

/**
 * The Redis the benchmark runs against: the one at a given URL, or a real redis-server binary from
 * the embedded-redis artifact on a free loopback port, without persistence, stopped by {@link
 * #close()} (or, should the JVM be interrupted, by a shutdown hook).
 */
final class RedisTarget implements AutoCloseable {
  private final String url;
  private final RedisServer server;
  private final Thread stopHook;

  private RedisTarget(String url, RedisServer server) {
    this.url = url;
    this.server = server;
    if (server == null) {
      stopHook = null;
    } else {
      stopHook = new Thread(this::stopServer, "embedded-redis-stop");
      Runtime.getRuntime().addShutdownHook(stopHook);
    }
  }

  static RedisTarget of(Optional<String> url) {
    return url.map(u -> new RedisTarget(u, null)).orElseGet(RedisTarget::startEmbedded);
  }

  private static RedisTarget startEmbedded() {
    int port = freePort();
    RedisServer server;
    try {
      server =
          RedisServer.newRedisServer()
              .port(port)
              .setting("bind 127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded Redis server", e);
    }
    return new RedisTarget("redis://127.0.0.1:" + port, server);
  }

  String url() {
    return url;
  }

  boolean embedded() {
    return server != null;
  }

  @Override
  public void close() {
    if (server != null) {
      stopServer();
      try {
        Runtime.getRuntime().removeShutdownHook(stopHook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs stopServer again, which is harmless
      }
    }
  }

  private void stopServer() {
    try {
      server.stop();
    } catch (IOException e) {
      // the server process dies with the JVM anyway
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
