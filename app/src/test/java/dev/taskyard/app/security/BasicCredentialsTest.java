package dev.taskyard.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

  @Test
  void aWellFormedHeaderGivesItsUserAndPasswordWhichMayHoldColons() {
    BasicCredentials credentials =
        BasicCredentials.parse("Basic " + base64("admin:se:cret")).orElseThrow();

    assertThat(credentials.user()).isEqualTo("admin");
    assertThat(new String(credentials.password())).isEqualTo("se:cret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Basic !!!notbase64!!!",
        "Basic ",
        "Basic",
        "Bearer abc",
        "Basic YWRtaW4=", // "admin": no colon
        "Basic YWRtaW46", // "admin:": empty password
        "Basic OnNlY3JldA==", // ":secret": empty user
        "Basic /w==" // not UTF-8
      })
  void aMalformedHeaderGivesNoCredentials(String header) {
    assertThat(BasicCredentials.parse(header)).isEmpty();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
