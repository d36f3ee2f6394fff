package dev.taskyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {
  @TempDir Path data;

  @Test
  void theFirstStartGeneratesAPasswordOnlyItsOwnerCanReadAndLaterStartsReuseIt() throws Exception {
    AdminCredentials first = AdminCredentials.resolve(data, Map.of());
    AdminCredentials second = AdminCredentials.resolve(data, Map.of());

    assertThat(first.user()).isEqualTo("admin");
    assertThat(first.password()).matches("[A-Za-z0-9]{20}");
    assertThat(second).isEqualTo(first);
    Path file = data.resolve(AdminCredentials.FILE_NAME);
    assertThat(first.file()).contains(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aGivenPasswordWinsAndIsNotWrittenDown() throws Exception {
    AdminCredentials credentials =
        AdminCredentials.resolve(
            data, Map.of("TASKYARD_ADMIN_USER", "root", "TASKYARD_ADMIN_PASSWORD", "chosen"));

    assertThat(credentials.user()).isEqualTo("root");
    assertThat(credentials.password()).isEqualTo("chosen");
    assertThat(credentials.file()).isEmpty();
    assertThat(data.resolve(AdminCredentials.FILE_NAME)).doesNotExist();
  }

  @Test
  void differentDataDirectoriesGetDifferentPasswords(@TempDir Path other) throws Exception {
    assertThat(AdminCredentials.resolve(data, Map.of()).password())
        .isNotEqualTo(AdminCredentials.resolve(other, Map.of()).password());
  }
}
