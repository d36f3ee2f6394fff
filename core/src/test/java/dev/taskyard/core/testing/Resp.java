package dev.taskyard.core.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one command to a Redis server or Sentinel on a fresh plain socket and reads its reply, for
 * tests that must reach one particular process (the client libraries route commands themselves).
 * Replies: simple and bulk strings as {@link String}, integers as {@link Long}, arrays as {@link
 * List}, nil as {@code null}; an error reply throws.
 */
public final class Resp {
  private Resp() {}

  public static Object call(InetSocketAddress server, String... command) {
    try (Socket socket = new Socket()) {
      socket.connect(server, 2000);
      socket.setSoTimeout(10_000);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      for (String part : command) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      socket.getOutputStream().write(out.toByteArray());
      return read(new DataInputStream(new BufferedInputStream(socket.getInputStream())));
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command) + " to " + server, e);
    }
  }

  public static Object call(int port, String... command) {
    return call(new InetSocketAddress("127.0.0.1", port), command);
  }

  private static Object read(DataInputStream in) throws IOException {
    String line = line(in);
    String rest = line.substring(1);
    return switch (line.charAt(0)) {
      case '+' -> rest;
      case ':' -> Long.parseLong(rest);
      case '-' -> throw new IllegalStateException("Redis answered " + rest);
      case '$' -> {
        int length = Integer.parseInt(rest);
        if (length < 0) {
          yield null;
        }
        byte[] bytes = new byte[length + 2];
        in.readFully(bytes);
        yield new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      case '*' -> {
        int count = Integer.parseInt(rest);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        yield count < 0 ? null : items;
      }
      default -> throw new IllegalStateException("not a RESP reply: " + line);
    };
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      line.write(b);
    }
    in.read(); // '\n'
    return line.toString(StandardCharsets.UTF_8);
  }
}
