package dev.taskyard.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.app.platform.Role;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
  private static final Predicate<char[]> NO_GENERATED_PASSWORD =
      password -> {
        throw new AssertionError("the generated password must not be asked for");
      };

  private static UserDirectory.Account viewer(String name, Optional<String> password) {
    return new UserDirectory.Account("taskyard.viewer", name, Role.VIEWER, password);
  }

  @Test
  void theOperatorActsAndViewsButDoesNotAdminister() {
    UserDirectory users =
        UserDirectory.of(
            "admin",
            Optional.of("s3cret"),
            NO_GENERATED_PASSWORD,
            List.of(
                new UserDirectory.Account(
                    "taskyard.operator", "ops", Role.OPERATOR, Optional.of("run")),
                viewer("viewer", Optional.of("look"))));

    assertThat(users.authenticate("ops", "run".toCharArray()))
        .hasValueSatisfying(
            user ->
                assertThat(user.role().groups()).containsExactlyInAnyOrder("operator", "viewer"));
    assertThat(users.authenticate("viewer", "look".toCharArray())).isPresent();
  }

  @Test
  void theConfiguredAdministratorHasEveryRole() {
    UserDirectory users =
        UserDirectory.of(
            "admin",
            Optional.of("s3cret"),
            NO_GENERATED_PASSWORD,
            List.of(viewer("viewer", Optional.empty())));

    assertThat(users.authenticate("admin", "s3cret".toCharArray()))
        .hasValueSatisfying(
            user ->
                assertThat(user.role().groups())
                    .containsExactlyInAnyOrder("admin", "operator", "viewer"));
  }

  @Test
  void aWrongPasswordOrUnknownUserIsRefused() {
    UserDirectory users =
        UserDirectory.of(
            "admin",
            Optional.of("s3cret"),
            NO_GENERATED_PASSWORD,
            List.of(viewer("viewer", Optional.of("look"))));

    assertThat(users.authenticate("admin", "S3cret".toCharArray())).isEmpty();
    assertThat(users.authenticate("admin", "look".toCharArray())).isEmpty();
    assertThat(users.authenticate("root", "s3cret".toCharArray())).isEmpty();
  }

  @Test
  void theViewerOnlyViews() {
    UserDirectory users =
        UserDirectory.of(
            "admin",
            Optional.of("s3cret"),
            NO_GENERATED_PASSWORD,
            List.of(viewer("auditor", Optional.of("look"))));

    assertThat(users.authenticate("auditor", "look".toCharArray()))
        .hasValueSatisfying(user -> assertThat(user.role().groups()).containsExactly("viewer"));
  }

  @Test
  void withoutAViewerPasswordThereIsNoViewer() {
    UserDirectory users =
        UserDirectory.of(
            "admin",
            Optional.of("s3cret"),
            NO_GENERATED_PASSWORD,
            List.of(viewer("viewer", Optional.empty())));

    assertThat(users.authenticate("viewer", "".toCharArray())).isEmpty();
  }

  @Test
  void withoutAConfiguredPasswordTheAdministratorUsesTheGeneratedOne() {
    UserDirectory users =
        UserDirectory.of(
            "admin",
            Optional.empty(),
            password -> new String(password).equals("generated"),
            List.of(viewer("viewer", Optional.empty())));

    assertThat(users.authenticate("admin", "generated".toCharArray())).isPresent();
    assertThat(users.authenticate("admin", "other".toCharArray())).isEmpty();
  }

  @Test
  void aViewerNamedLikeTheAdministratorIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                UserDirectory.of(
                    "admin",
                    Optional.of("s3cret"),
                    NO_GENERATED_PASSWORD,
                    List.of(viewer("admin", Optional.of("look")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("taskyard.viewer.user");
  }
}
