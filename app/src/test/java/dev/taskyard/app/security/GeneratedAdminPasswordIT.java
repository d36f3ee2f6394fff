package dev.taskyard.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.core.redis.RedisTopology;
import dev.taskyard.embedded.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Two nodes without a configured admin password, on one real Redis. */
class GeneratedAdminPasswordIT {
  private static final Pattern WRITTEN = Pattern.compile("(?m)^password=(\\S+)$");
  @TempDir static Path files;
  private static EmbeddedRedis redis;
  private static RedissonClient redisson;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
    redisson = Redisson.create(RedisTopology.single(redis.url()).config());
  }

  @AfterAll
  static void stopRedis() {
    redisson.shutdown();
    redis.close();
  }

  @Test
  void theFirstNodeGeneratesThePasswordIntoAnOwnerOnlyFileNeverTheLogAndEveryNodeAcceptsIt()
      throws Exception {
    redisson.getBucket(GeneratedAdminPassword.KEY).delete();
    List<String> logged = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(GeneratedAdminPassword.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      GeneratedAdminPassword first = node();
      GeneratedAdminPassword second = node();

      assertThat(first.matches("guess".toCharArray())).isFalse();
      assertThat(second.matches("guess".toCharArray())).isFalse();

      assertThat(logged).hasSize(1);
      Path file = files.resolve("admin-password");
      assertThat(logged.get(0)).contains(file.toString());
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      Matcher password = WRITTEN.matcher(Files.readString(file));
      assertThat(password.find()).isTrue();
      assertThat(logged.get(0)).doesNotContain(password.group(1));
      assertThat(first.matches(password.group(1).toCharArray())).isTrue();
      assertThat(second.matches(password.group(1).toCharArray())).isTrue();
      assertThat(node().matches(password.group(1).toCharArray())).isTrue();
      assertThat(redisson.<String>getBucket(GeneratedAdminPassword.KEY, StringCodec.INSTANCE).get())
          .startsWith("pbkdf2-sha256$")
          .doesNotContain(password.group(1));
    } finally {
      logger.removeHandler(capture);
      redisson.getBucket(GeneratedAdminPassword.KEY).delete();
    }
  }

  private static GeneratedAdminPassword node() {
    GeneratedAdminPassword node = new GeneratedAdminPassword();
    node.adminUser = "admin";
    node.configuredPassword = Optional.empty();
    node.redisson = redisson;
    node.passwordFile = files.resolve("admin-password").toString();
    node.passwords = new PasswordChecks();
    return node;
  }
}
