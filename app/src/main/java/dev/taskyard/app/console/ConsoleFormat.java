package dev.taskyard.app.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Times, durations and numbers as people read them, times in the reader's zone: the browser names
 * it in the {@code ty-tz} cookie ({@code console.js}); until it has, times are in UTC and say so.
 */
@Named
@RequestScoped
public class ConsoleFormat {
  static final String ZONE_COOKIE = "ty-tz";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ZoneId zone;

  /** {@code at} in the reader's zone; empty for none. */
  public String time(Instant at) {
    if (at == null) {
      return "";
    }
    ZoneId z = zone();
    return TIME.format(at.atZone(z)) + (z.equals(ZoneOffset.UTC) ? " UTC" : "");
  }

  /**
   * A duration in milliseconds as {@code 850 ms}, {@code 4.2 s}, {@code 3 min 5 s}, {@code 2 h 10
   * min}.
   */
  public String duration(Long millis) {
    if (millis == null) {
      return "";
    }
    return describe(Duration.ofMillis(millis));
  }

  /**
   * A duration in microseconds: below a millisecond as {@code 420 µs}, else as {@link #duration}.
   */
  public String micros(Long micros) {
    if (micros == null) {
      return "";
    }
    return micros < 1000 ? micros + " µs" : describe(Duration.ofNanos(micros * 1000));
  }

  /** A size in bytes as {@code 512 B}, {@code 4.0 KiB}, {@code 10.0 MiB}, {@code 1.5 GiB}. */
  public String bytes(Long bytes) {
    if (bytes == null) {
      return "";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format("%.1f %s", value, units[unit]);
  }

  public static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format("%.1f s", ms / 1000.0);
    }
    if (ms < 3_600_000) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    if (ms < 86_400_000) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    return d.toDays() + " d " + d.toHoursPart() + " h";
  }

  /** The reader's zone, from the browser; UTC until it has said. */
  public ZoneId zone() {
    if (zone == null) {
      zone = fromCookie();
    }
    return zone;
  }

  private static ZoneId fromCookie() {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return ZoneOffset.UTC;
    }
    return Arrays.stream(cookies)
        .filter(c -> c.getName().equals(ZONE_COOKIE))
        .map(c -> parse(c.getValue()))
        .findFirst()
        .orElse(ZoneOffset.UTC);
  }

  private static ZoneId parse(String value) {
    try {
      return value.length() <= 64 ? ZoneId.of(value) : ZoneOffset.UTC;
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
