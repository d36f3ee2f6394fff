package dev.taskyard.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void eachRoleIncludesTheOnesBelowIt() {
    assertThat(Role.VIEWER.groups()).containsExactly("viewer");
    assertThat(Role.OPERATOR.groups()).containsExactlyInAnyOrder("viewer", "operator");
    assertThat(Role.ADMIN.groups()).containsExactlyInAnyOrder("viewer", "operator", "admin");
  }

  @Test
  void theHighestRoleGrantedIsTheCallersRole() {
    assertThat(Role.highest(Set.of("viewer", "operator")::contains)).isEqualTo(Role.OPERATOR);
    assertThat(Role.highest(Role.ADMIN.groups()::contains)).isEqualTo(Role.ADMIN);
    assertThat(Role.highest(Set.of("viewer")::contains)).isEqualTo(Role.VIEWER);
  }

  @Test
  void aTokenNeverHasMoreThanItsOwner() {
    assertThat(Role.ADMIN.atMost(Role.OPERATOR)).isEqualTo(Role.OPERATOR);
    assertThat(Role.VIEWER.atMost(Role.ADMIN)).isEqualTo(Role.VIEWER);
  }

  @Test
  void anUnknownRoleIsRefusedNamingTheField() {
    assertThat(Role.parse("role", "Operator")).isEqualTo(Role.OPERATOR);
    assertThatThrownBy(() -> Role.parse("role", "root"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("role"));
  }
}
