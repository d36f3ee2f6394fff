package dev.taskyard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditCursorTest {

  @Test
  void aCursorReadsBackAsItWasMade() {
    AuditCursor cursor = new AuditCursor(1_790_000_000_123L, 98_765);

    assertThat(AuditCursor.decode(cursor.encode())).contains(cursor);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "%%%", "a1:1", "a1:x:2", "b1:1:2", "a1:1:2:3"})
  void anythingElseIsNoCursor(String plain) {
    String token =
        plain.equals("%%%")
            ? plain
            : Base64.getUrlEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

    assertThat(AuditCursor.decode(token)).isEmpty();
  }
}
