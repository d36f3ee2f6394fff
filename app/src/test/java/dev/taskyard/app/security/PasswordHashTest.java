package dev.taskyard.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void aHashMatchesItsPasswordOnly() {
    String hash = PasswordHash.hash("correct horse".toCharArray());

    assertThat(PasswordHash.matches("correct horse".toCharArray(), hash)).isTrue();
    assertThat(PasswordHash.matches("correct hors".toCharArray(), hash)).isFalse();
    assertThat(PasswordHash.matches("".toCharArray(), hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTimeAndKeepsNoPlainText() {
    String first = PasswordHash.hash("secret".toCharArray());
    String second = PasswordHash.hash("secret".toCharArray());

    assertThat(first).isNotEqualTo(second).doesNotContain("secret").startsWith("pbkdf2-sha256$");
    assertThat(PasswordHash.matches("secret".toCharArray(), second)).isTrue();
  }

  @Test
  void somethingElseThanAHashIsRejected() {
    assertThatThrownBy(() -> PasswordHash.matches("secret".toCharArray(), "secret"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsCompareEqualOnlyWhenIdentical() {
    assertThat(PasswordHash.equalsConstantTime("it-admin".toCharArray(), "it-admin")).isTrue();
    assertThat(PasswordHash.equalsConstantTime("it-admin".toCharArray(), "it-admin ")).isFalse();
    assertThat(PasswordHash.equalsConstantTime("".toCharArray(), "x")).isFalse();
    assertThat(PasswordHash.equalsConstantTime("pässword".toCharArray(), "pässword")).isTrue();
  }

  @Test
  void generatedPasswordsHaveTheLengthAskedAndDiffer() {
    char[] first = PasswordHash.generate(20);
    char[] second = PasswordHash.generate(20);

    assertThat(first).hasSize(20);
    assertThat(new String(first)).matches("[A-Za-z0-9]{20}").isNotEqualTo(new String(second));
  }
}
