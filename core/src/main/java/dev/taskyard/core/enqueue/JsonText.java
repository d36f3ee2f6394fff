package dev.taskyard.core.enqueue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.taskyard.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Checks that text is exactly one well-formed JSON value and not over a size in UTF-8 bytes. */
public final class JsonText {
  public static final int MAX_NESTING = 1000;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              // The byte limit bounds strings, names and numbers; nesting stays bounded (stack).
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxNestingDepth(MAX_NESTING)
                  .build())
          .build();

  private JsonText() {}

  public static void check(String field, String text, int maxBytes) {
    if (text == null) {
      throw new InvalidInputException(field, "is required (JSON text)");
    }
    long bytes = utf8Length(text);
    if (bytes > maxBytes) {
      throw new InvalidInputException(
          field, "is " + bytes + " bytes, more than the limit of " + maxBytes);
    }
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new InvalidInputException(field, "is empty, expected a JSON value");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new InvalidInputException(
            field, "has text after the JSON value at " + location(parser));
      }
    } catch (StreamConstraintsException e) {
      throw new InvalidInputException(field, "nests JSON deeper than " + MAX_NESTING + " levels");
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          field, "is not valid JSON: " + e.getOriginalMessage() + " at " + location(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String location(JsonParser parser) {
    return location(parser.currentLocation());
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() != null
        ? location(e.getLocation())
        : e.getProcessor() instanceof JsonParser p ? location(p) : "unknown position";
  }

  private static String location(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** The length of {@code s} in UTF-8, without encoding it. */
  public static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
