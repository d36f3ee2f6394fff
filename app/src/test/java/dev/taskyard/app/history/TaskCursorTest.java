package dev.taskyard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskCursorTest {

  @Test
  void aCursorSurvivesEncoding() {
    TaskCursor cursor =
        new TaskCursor(TaskSort.UPDATED_AT, true, 1_764_000_000_123L, UUID.randomUUID());

    assertThat(TaskCursor.decode(cursor.encode())).contains(cursor);
  }

  @Test
  void anEncodedCursorIsUrlSafe() {
    String token = new TaskCursor(TaskSort.PRIORITY, false, -5, UUID.randomUUID()).encode();

    assertThat(token).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void garbageIsNoCursor() {
    assertThat(TaskCursor.decode("not a cursor!")).isEmpty();
    assertThat(TaskCursor.decode("")).isEmpty();
    assertThat(TaskCursor.decode("Zm9vOmJhcjpiYXo6cXV4")).isEmpty(); // foo:bar:baz:qux
  }
}
