package dev.taskyard.app.console;

import java.util.Arrays;

/** The console's themes: PrimeFaces' saga (light) and arya (dark). */
public enum Theme {
  LIGHT("light", "saga-blue"),
  DARK("dark", "arya-blue");

  private final String id;
  private final String primeFaces;

  Theme(String id, String primeFaces) {
    this.id = id;
    this.primeFaces = primeFaces;
  }

  public String id() {
    return id;
  }

  /** The PrimeFaces theme's name. */
  public String primeFaces() {
    return primeFaces;
  }

  public Theme other() {
    return this == LIGHT ? DARK : LIGHT;
  }

  static Theme of(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst().orElse(LIGHT);
  }
}
