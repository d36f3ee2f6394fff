package dev.taskyard.core.redis;

import static dev.taskyard.core.redis.RedisTopology.CLUSTER_NODES;
import static dev.taskyard.core.redis.RedisTopology.DURABILITY;
import static dev.taskyard.core.redis.RedisTopology.PASSWORD;
import static dev.taskyard.core.redis.RedisTopology.REPLICATION_TIMEOUT_MS;
import static dev.taskyard.core.redis.RedisTopology.SENTINEL_MASTER;
import static dev.taskyard.core.redis.RedisTopology.SENTINEL_NODES;
import static dev.taskyard.core.redis.RedisTopology.SENTINEL_PASSWORD;
import static dev.taskyard.core.redis.RedisTopology.URL;
import static dev.taskyard.core.redis.RedisTopology.USERNAME;

import dev.taskyard.core.redis.RedisTopology.Cluster;
import dev.taskyard.core.redis.RedisTopology.Credentials;
import dev.taskyard.core.redis.RedisTopology.Sentinel;
import dev.taskyard.core.redis.RedisTopology.SingleServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses {@link RedisTopology#parse}'s settings, naming each setting as the caller spells it. */
final class TopologyParser {
  private final RedisSettings settings;

  TopologyParser(RedisSettings settings) {
    this.settings = settings;
  }

  RedisTopology topology() {
    Optional<String> url = settings.get(URL);
    Optional<String> master = settings.get(SENTINEL_MASTER);
    Optional<String> sentinels = settings.get(SENTINEL_NODES);
    Optional<String> cluster = settings.get(CLUSTER_NODES);
    List<String> chosen = new ArrayList<>();
    url.ifPresent(u -> chosen.add(label(URL)));
    if (master.isPresent() || sentinels.isPresent()) {
      chosen.add(label(SENTINEL_MASTER) + " with " + label(SENTINEL_NODES));
    }
    cluster.ifPresent(c -> chosen.add(label(CLUSTER_NODES)));
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "no Redis is configured: set "
              + label(URL)
              + ", or "
              + label(SENTINEL_MASTER)
              + " with "
              + label(SENTINEL_NODES)
              + ", or "
              + label(CLUSTER_NODES));
    }
    if (chosen.size() > 1) {
      throw new IllegalArgumentException(
          "set only one Redis topology, not " + String.join(" and ", chosen));
    }
    if (settings.get(SENTINEL_PASSWORD).isPresent() && master.isEmpty() && sentinels.isEmpty()) {
      throw new IllegalArgumentException(
          label(SENTINEL_PASSWORD) + " is set but no Sentinel is configured");
    }
    if (url.isPresent()) {
      return singleServer(url.get());
    }
    Credentials credentials = new Credentials(settings.get(USERNAME), settings.get(PASSWORD));
    if (cluster.isPresent()) {
      return new Cluster(nodes(CLUSTER_NODES, cluster.get()), credentials);
    }
    String masterName = master.orElseThrow(() -> missing(SENTINEL_MASTER, SENTINEL_NODES)).strip();
    if (!masterName.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          label(SENTINEL_MASTER) + " must be a name of letters, digits, '.', '_' or '-'");
    }
    String nodes = sentinels.orElseThrow(() -> missing(SENTINEL_NODES, SENTINEL_MASTER));
    return new Sentinel(
        masterName, nodes(SENTINEL_NODES, nodes), credentials, settings.get(SENTINEL_PASSWORD));
  }

  Durability durability() {
    Duration timeout =
        settings
            .get(REPLICATION_TIMEOUT_MS)
            .map(this::replicationTimeout)
            .orElse(Durability.DEFAULT_REPLICATION_TIMEOUT);
    String level = settings.get(DURABILITY).orElse("async").strip().toLowerCase(Locale.ROOT);
    switch (level) {
      case "async":
        return new Durability(Durability.Level.ASYNC, timeout);
      case "replicated":
        if (topology() instanceof SingleServer) {
          // WAIT would time out on every submit: refuse at start rather than at each submit.
          throw new IllegalArgumentException(
              label(DURABILITY)
                  + "=replicated needs replicas that take over: configure a Sentinel ("
                  + label(SENTINEL_MASTER)
                  + ") or a Cluster ("
                  + label(CLUSTER_NODES)
                  + "), not one server ("
                  + label(URL)
                  + ")");
        }
        return Durability.replicated(timeout);
      default:
        throw new IllegalArgumentException(
            label(DURABILITY)
                + " must be async or replicated, not "
                + settings.get(DURABILITY).orElse(""));
    }
  }

  private Duration replicationTimeout(String value) {
    try {
      long ms = Long.parseLong(value.strip());
      if (ms >= 1 && ms <= 60_000) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        label(REPLICATION_TIMEOUT_MS) + " must be milliseconds from 1 to 60000, not " + value);
  }

  private RedisTopology singleServer(String url) {
    URI uri = uri(URL, url, "redis://[[user]:password@]host:port[/db] or rediss://...");
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().matches("/\\d{1,2}")) {
      throw new IllegalArgumentException(
          label(URL) + " may end only in a database number (/0 to /15), not " + uri.getPath());
    }
    if (uri.getUserInfo() != null
        && (settings.get(PASSWORD).isPresent() || settings.get(USERNAME).isPresent())) {
      throw new IllegalArgumentException(
          "set the password in "
              + label(URL)
              + " or in "
              + label(PASSWORD)
              + "/"
              + label(USERNAME)
              + ", not both");
    }
    return new SingleServer(withCredentials(url));
  }

  /** A single server's URL with the username and password settings put into it. */
  private String withCredentials(String url) {
    Optional<String> password = settings.get(PASSWORD);
    if (password.isEmpty()) {
      if (settings.get(USERNAME).isPresent()) {
        throw new IllegalArgumentException(
            label(USERNAME) + " is set but " + label(PASSWORD) + " is not");
      }
      return url;
    }
    String userInfo =
        settings.get(USERNAME).map(TopologyParser::encode).orElse("")
            + ":"
            + encode(password.get());
    return url.replaceFirst("://", "://" + userInfo + "@");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private List<String> nodes(String setting, String value) {
    List<String> nodes = new ArrayList<>();
    String scheme = null;
    for (String part : value.split(",")) {
      String node = part.strip();
      if (node.isEmpty()) {
        throw new IllegalArgumentException(
            label(setting) + " has an empty entry: list host:port,host:port");
      }
      if (!node.contains("://")) {
        node = "redis://" + node;
      }
      URI uri = uri(setting, node, "host:port,host:port (or redis://host:port, rediss://...)");
      if (uri.getUserInfo() != null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
        throw new IllegalArgumentException(
            label(setting)
                + " lists host:port only; put the password in "
                + label(setting.equals(SENTINEL_NODES) ? SENTINEL_PASSWORD : PASSWORD));
      }
      if (scheme != null && !scheme.equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            label(setting) + " mixes redis:// and rediss:// (TLS) nodes");
      }
      scheme = uri.getScheme();
      nodes.add(node);
    }
    return nodes;
  }

  private URI uri(String setting, String value, String shape) {
    try {
      URI uri = new URI(value.strip());
      if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getPort() > 0
          && uri.getPort() <= 65535
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        label(setting) + " must look like " + shape + ", not " + redacted(value));
  }

  private static String redacted(String value) {
    return value.replaceFirst("//[^@/]*@", "//***@");
  }

  private IllegalArgumentException missing(String setting, String with) {
    return new IllegalArgumentException(label(setting) + " is required with " + label(with));
  }

  private String label(String name) {
    return settings.label(name);
  }
}
