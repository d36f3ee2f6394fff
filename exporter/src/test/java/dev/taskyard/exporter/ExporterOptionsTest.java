package dev.taskyard.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.redis.RedisTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExporterOptionsTest {
  private static final Map<String, String> REDIS = Map.of("TASKYARD_REDIS_URL", "redis://r:6379");

  @Test
  void defaultsToAllAddressesOnPort9400() {
    ExporterOptions o = ExporterOptions.parse(new String[0], REDIS);

    assertThat(o.redis()).isEqualTo(RedisTopology.single("redis://r:6379"));
    assertThat(o.listenHost()).isEqualTo("0.0.0.0");
    assertThat(o.listenPort()).isEqualTo(9400);
    assertThat(o.basicAuth()).isEmpty();
    assertThat(o.tls()).isEmpty();
  }

  @Test
  void flagsWinOverTheEnvironment() {
    ExporterOptions o =
        ExporterOptions.parse(
            new String[] {"--redis-url", "redis://flag:1", "--listen", "127.0.0.1:9500"},
            Map.of("TASKYARD_REDIS_URL", "redis://env:2", "TASKYARD_EXPORTER_LISTEN", "[::1]:1"));

    assertThat(o.redis()).isEqualTo(RedisTopology.single("redis://flag:1"));
    assertThat(o.listenHost()).isEqualTo("127.0.0.1");
    assertThat(o.listenPort()).isEqualTo(9500);
  }

  @Test
  void basicAuthReadsThePasswordFromAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("password"), "s3cret\n");

    ExporterOptions o =
        ExporterOptions.parse(
            new String[] {"--auth-user", "prometheus", "--auth-password-file", file.toString()},
            REDIS);

    assertThat(o.basicAuth()).contains(new ExporterOptions.Credentials("prometheus", "s3cret"));
    assertThat(o.basicAuth().orElseThrow().toString()).doesNotContain("s3cret");
  }

  @Test
  void basicAuthReadsThePasswordFromTheEnvironment() {
    ExporterOptions o =
        ExporterOptions.parse(
            new String[0],
            Map.of(
                "TASKYARD_REDIS_URL", "redis://r:6379",
                "TASKYARD_EXPORTER_AUTH_USER", "prometheus",
                "TASKYARD_EXPORTER_AUTH_PASSWORD", "s3cret"));

    assertThat(o.basicAuth()).contains(new ExporterOptions.Credentials("prometheus", "s3cret"));
  }

  @Test
  void helpNeedsNothingElse() {
    assertThat(ExporterOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--redis-url redis://r:1 --bogus | unknown option --bogus",
        "--redis-url | --redis-url needs a value",
        "--listen 127.0.0.1:1 | no Redis is configured: set --redis-url (or TASKYARD_REDIS_URL),"
            + " or --redis-sentinel-master (or TASKYARD_REDIS_SENTINEL_MASTER) with",
        "--redis-url http://r:1 | --redis-url (or TASKYARD_REDIS_URL) must look like redis://",
        "--redis-url redis://r:1 --redis-cluster-nodes c:1 | set only one Redis topology",
        "--redis-sentinel-master m | --redis-sentinel-nodes (or TASKYARD_REDIS_SENTINEL_NODES) is"
            + " required",
        "--redis-cluster-nodes c:1 --redis-password-file /nonexistent | --redis-password-file"
            + " /nonexistent cannot be read",
        "--redis-url redis://r:1 --listen 9400 | --listen must be HOST:PORT, not 9400",
        "--redis-url redis://r:1 --listen h:70000 | --listen port must be a number from 0 to 65535",
        "--redis-url redis://r:1 --listen h:x | --listen port must be a number from 0 to 65535",
        "--redis-url redis://r:1 --redis-timeout-ms 0 | --redis-timeout-ms must be a number",
        "--redis-url redis://r:1 --auth-user u | --auth-password-file (or",
        "--redis-url redis://r:1 --auth-password-file /nonexistent | no user",
        "--redis-url redis://r:1 --auth-user u --auth-password-file /nonexistent | cannot be read",
        "--redis-url redis://r:1 --tls-keystore /nonexistent | is not a readable file",
      })
  void badSettingsAreRefusedNamingTheProblem(String args, String message) {
    assertThatThrownBy(() -> ExporterOptions.parse(args.split(" "), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void sentinelSettingsComeFromFlagsWithPasswordsFromFiles(@TempDir Path dir) throws IOException {
    Path password = Files.writeString(dir.resolve("redis-password"), "data-secret\n");

    ExporterOptions o =
        ExporterOptions.parse(
            new String[] {
              "--redis-sentinel-master", "mymaster",
              "--redis-sentinel-nodes", "s1:26379,s2:26379",
              "--redis-password-file", password.toString()
            },
            Map.of("TASKYARD_REDIS_SENTINEL_PASSWORD", "sentinel-secret"));

    assertThat(o.redis())
        .isEqualTo(
            new RedisTopology.Sentinel(
                "mymaster",
                List.of("redis://s1:26379", "redis://s2:26379"),
                new RedisTopology.Credentials(Optional.empty(), Optional.of("data-secret")),
                Optional.of("sentinel-secret")));
    assertThat(o.redis().describe()).doesNotContain("secret");
  }

  @Test
  void clusterNodesComeFromTheEnvironment() {
    ExporterOptions o =
        ExporterOptions.parse(
            new String[0], Map.of("TASKYARD_REDIS_CLUSTER_NODES", "c1:7000,c2:7001"));

    assertThat(o.redis())
        .isEqualTo(
            new RedisTopology.Cluster(
                List.of("redis://c1:7000", "redis://c2:7001"), RedisTopology.Credentials.NONE));
  }

  @Test
  void aRedisPasswordIsNotLogged() {
    assertThat(RedisTopology.single("redis://:pw@host:6379").describe())
        .isEqualTo("redis://***@host:6379");
  }
}
