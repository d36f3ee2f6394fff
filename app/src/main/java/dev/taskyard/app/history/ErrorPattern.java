package dev.taskyard.app.history;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shape of an error message: its variable parts (quoted values, ids, numbers) each replaced by
 * {@code *}, so that "timeout after 1234 ms" and "timeout after 998 ms" are one error, {@code
 * timeout after * ms}. PostgreSQL groups and filters by the same rules ({@link #sql}), written once
 * here in the regular-expression syntax Java and PostgreSQL read alike.
 */
public final class ErrorPattern {
  /** What stands for a variable part. */
  public static final String ANY = "*";

  /** Longer messages are cut before they are shaped, so a pattern stays a short group key. */
  public static final int MAX_LENGTH = 500;

  // In order: a quoted value may hold ids and numbers, a UUID or a hex number holds digits.
  static final List<String> RULES =
      List.of(
          "'[^']*'",
          "\"[^\"]*\"",
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
          "0[xX][0-9a-fA-F]+",
          "[0-9]+([.][0-9]+)?");

  private static final List<Pattern> COMPILED = RULES.stream().map(Pattern::compile).toList();

  private static final List<String> REPLACEMENTS =
      List.of("'" + ANY + "'", "\"" + ANY + "\"", ANY, ANY, ANY);

  private ErrorPattern() {}

  /** The shape of {@code message}. */
  public static String of(String message) {
    // Cut as PostgreSQL's left() does: by characters, not UTF-16 units.
    String shaped =
        message.codePointCount(0, message.length()) > MAX_LENGTH
            ? message.substring(0, message.offsetByCodePoints(0, MAX_LENGTH))
            : message;
    for (int i = 0; i < COMPILED.size(); i++) {
      shaped = COMPILED.get(i).matcher(shaped).replaceAll(REPLACEMENTS.get(i));
    }
    return shaped;
  }

  /**
   * The SQL expression of the shape of the text column {@code column}; its parameters, in order,
   * are {@link #sqlParameters()}.
   */
  static String sql(String column) {
    String expression = "left(" + column + ", " + MAX_LENGTH + ")";
    for (int i = 0; i < RULES.size(); i++) {
      expression = "regexp_replace(" + expression + ", ?, ?, 'g')";
    }
    return expression;
  }

  /** The parameters of {@link #sql}: each rule and its replacement. */
  static List<String> sqlParameters() {
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < RULES.size(); i++) {
      parameters.add(RULES.get(i));
      parameters.add(REPLACEMENTS.get(i));
    }
    return parameters;
  }
}
