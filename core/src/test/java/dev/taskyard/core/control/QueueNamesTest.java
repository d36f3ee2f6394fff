package dev.taskyard.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QueueNamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "7", "emails", "Emails.v2", "high_prio-emails", "0.a_b-C"})
  void validNameIsReturnedUnchanged(String name) {
    assertThat(QueueNames.check(name)).isSameAs(name);
  }

  @Test
  void nameOf64CharactersIsValid() {
    String name = "q".repeat(64);

    assertThat(QueueNames.check(name)).isEqualTo(name);
  }

  @Test
  void nameOf65CharactersIsRejected() {
    assertRejected("q".repeat(65));
  }

  /** Braces would break the {queue} hash tag, ':' the key layout, so none may appear. */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "a{b",
        "a}b",
        "{emails}",
        "a:b",
        "a b",
        " emails",
        "emails\n",
        "-emails",
        ".emails",
        "_emails",
        "em/ails",
        "\u00e9mails",
        "a\u0000b"
      })
  void malformedNameIsRejectedAsQueue(String name) {
    assertRejected(name);
  }

  @Test
  void rejectionQuotesTheName() {
    assertThatThrownBy(() -> QueueNames.check("a:b")).hasMessageEndingWith("was 'a:b'");
    assertThatThrownBy(() -> QueueNames.check(null)).hasMessageEndingWith("was null");
  }

  private static void assertRejected(String name) {
    assertThatThrownBy(() -> QueueNames.check(name))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("queue"))
        .hasMessageStartingWith("queue: must be 1-64 letters, digits, '.', '_' or '-'");
  }
}
