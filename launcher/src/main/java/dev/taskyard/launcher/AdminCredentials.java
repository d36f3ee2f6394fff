package dev.taskyard.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The administrator's user and password: {@code TASKYARD_ADMIN_PASSWORD} if set, else the ones
 * generated on the first start and kept in the data directory, readable by its owner only, so every
 * restart reuses them.
 */
record AdminCredentials(String user, String password, Optional<Path> file) {
  static final String FILE_NAME = "admin-credentials.properties";
  private static final int PASSWORD_LENGTH = 20;
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  static AdminCredentials resolve(Path dataDir, Map<String, String> env) throws IOException {
    String user = nonBlank(env.get("TASKYARD_ADMIN_USER")).orElse("admin");
    Optional<String> given = nonBlank(env.get("TASKYARD_ADMIN_PASSWORD"));
    if (given.isPresent()) {
      return new AdminCredentials(user, given.get(), Optional.empty());
    }
    Path file = dataDir.resolve(FILE_NAME);
    Properties stored = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        stored.load(reader);
      }
    } else {
      stored.setProperty("user", user);
      stored.setProperty("password", generatePassword());
      write(file, stored);
    }
    return new AdminCredentials(
        nonBlank(env.get("TASKYARD_ADMIN_USER")).orElse(stored.getProperty("user", user)),
        stored.getProperty("password"),
        Optional.of(file));
  }

  private static void write(Path file, Properties credentials) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      credentials.store(
          writer,
          "Taskyard administrator, generated on first start. Delete this file for a new password,"
              + " or set TASKYARD_ADMIN_PASSWORD.");
    }
  }

  private static String generatePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return password.toString();
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
