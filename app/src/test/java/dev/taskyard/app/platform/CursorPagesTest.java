package dev.taskyard.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CursorPagesTest {

  @Test
  void goingForwardAndBackReturnsToTheSameCursors() {
    CursorPages pages = new CursorPages();
    assertThat(pages.current()).isNull();
    assertThat(pages.hasNewer()).isFalse();

    pages.next("b");
    assertThat(pages.older()).isTrue();
    assertThat(pages.current()).isEqualTo("b");
    pages.next("c");
    assertThat(pages.older()).isTrue();
    assertThat(pages.current()).isEqualTo("c");
    pages.next(null);
    assertThat(pages.hasOlder()).isFalse();
    assertThat(pages.older()).isFalse();

    assertThat(pages.newer()).isTrue();
    assertThat(pages.current()).isEqualTo("b");
    assertThat(pages.newer()).isTrue();
    assertThat(pages.current()).isNull();
    assertThat(pages.newer()).isFalse();
  }

  @Test
  void theFirstPageForgetsWhereItWas() {
    CursorPages pages = new CursorPages();
    pages.next("b");
    pages.older();

    pages.first();

    assertThat(pages.current()).isNull();
    assertThat(pages.hasNewer()).isFalse();
    assertThat(pages.hasOlder()).isFalse();
  }
}
