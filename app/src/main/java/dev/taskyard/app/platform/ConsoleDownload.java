package dev.taskyard.app.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** An export the console streams to the browser as a file: CSV or JSON, written as it is read. */
public final class ConsoleDownload {

  /** Writes the export to the browser. */
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  private ConsoleDownload() {}

  /** {@code taskyard-<name>.csv} or {@code .json}, with {@code body} written when it is sent. */
  public static StreamedContent of(String name, boolean csv, Body body) {
    return DefaultStreamedContent.builder()
        .name("taskyard-" + name + (csv ? ".csv" : ".json"))
        .contentType(csv ? "text/csv; charset=UTF-8" : "application/json")
        .writer(
            out -> {
              try {
                body.write(out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .build();
  }
}
