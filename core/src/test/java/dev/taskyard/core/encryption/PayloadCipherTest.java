package dev.taskyard.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskyard.core.InvalidInputException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadCipherTest {
  private static final String SECRET = "{\"card\":\"4111 1111 1111 1111\"}";
  private static final String K1 = randomKey();
  private static final String K2 = randomKey();
  private final PayloadCipher cipher = cipher("k1=" + K1, null);

  @Test
  void aSealedValueHidesItsTextNamesItsKeyAndOpensAgain() {
    String sealed = cipher.seal("emails", "payload", SECRET);

    assertThat(sealed).startsWith("ty:sealed:v1:k1:").doesNotContain("4111");
    assertThat(PayloadCipher.isSealed(sealed)).isTrue();
    assertThat(cipher.open("emails", "payload", sealed)).isEqualTo(SECRET);
  }

  @Test
  void sealingTheSameTextTwiceGivesDifferentValues() {
    assertThat(cipher.seal("q", "payload", SECRET))
        .isNotEqualTo(cipher.seal("q", "payload", SECRET));
  }

  @Test
  void aValueMovedToAnotherQueueOrFieldDoesNotOpen() {
    String sealed = cipher.seal("emails", "payload", SECRET);

    assertThatThrownBy(() -> cipher.open("reports", "payload", sealed))
        .isInstanceOf(UnreadableValueException.class);
    assertThatThrownBy(() -> cipher.open("emails", "result", sealed))
        .isInstanceOf(UnreadableValueException.class);
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    String sealed = cipher.seal("q", "payload", SECRET);
    char last = sealed.charAt(sealed.length() - 5);
    String altered =
        sealed.substring(0, sealed.length() - 5)
            + (last == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 4);

    assertThatThrownBy(() -> cipher.open("q", "payload", altered))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessageContaining("altered");
  }

  @Test
  void aValueSealedWithAKeyNotConfiguredHereIsUnreadableNamingTheKey() {
    String sealed = cipher.seal("q", "payload", SECRET);

    assertThatThrownBy(() -> cipher("k2=" + K2, null).open("q", "payload", sealed))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessageContaining("'k1'");
    assertThatThrownBy(() -> PayloadCipher.NONE.open("q", "payload", sealed))
        .isInstanceOf(UnreadableValueException.class);
    assertThat(PayloadCipher.NONE.openOrKeep("q", "payload", sealed)).isEqualTo(sealed);
  }

  @Test
  void afterRotationNewValuesUseTheNewKeyAndOldOnesStillOpen() {
    String old = cipher.seal("q", "payload", SECRET);
    PayloadCipher rotated = cipher("k1=" + K1 + ",k2=" + K2, "k2");

    assertThat(rotated.seal("q", "payload", SECRET)).startsWith("ty:sealed:v1:k2:");
    assertThat(rotated.open("q", "payload", old)).isEqualTo(SECRET);
  }

  @Test
  void plainValuesAndNullPassThrough() {
    assertThat(cipher.open("q", "payload", SECRET)).isEqualTo(SECRET);
    assertThat(cipher.open("q", "result", null)).isNull();
    assertThat(cipher.seal("q", "result", null)).isNull();
    assertThat(PayloadCipher.NONE.seal("q", "payload", SECRET)).isEqualTo(SECRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "k1",
        "=abc",
        "bad id=AAAA",
        "k1=not*base64",
        "k1=AAAA",
        "k1="
            + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=,k1="
            + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
      })
  void badKeySpecsAreRefusedNamingKeysWithoutQuotingThem(String spec) {
    assertThatThrownBy(() -> EncryptionKeys.parse(spec, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("keys:");
              assertThat(e.getMessage()).doesNotContain("QUFB");
            });
  }

  @Test
  void anActiveKeyThatIsNotListedIsRefused() {
    assertThatThrownBy(() -> EncryptionKeys.parse("k1=" + K1, "k9"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("activeId:");
  }

  @Test
  void keysNeverShowTheirMaterial() {
    assertThat(EncryptionKeys.parse("k1=" + K1, null).toString()).doesNotContain(K1);
  }

  static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static PayloadCipher cipher(String spec, String active) {
    return PayloadCipher.of(Optional.of(EncryptionKeys.parse(spec, active)));
  }
}
