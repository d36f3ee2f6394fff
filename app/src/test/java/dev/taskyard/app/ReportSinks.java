package dev.taskyard.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the deployed app's daily reports go in the tests, on the ports the build reserved (see
 * {@code arquillian.xml}): a Slack incoming webhook that keeps every body it is posted, and a real
 * SMTP server (GreenMail). Started once per test JVM, with {@link TestStack}, before any
 * deployment.
 */
public final class ReportSinks {
  private final HttpServer webhook;
  private final GreenMail mail;
  private final List<String> posted = new CopyOnWriteArrayList<>();
  private volatile int answer = 200;

  private ReportSinks(int webhookPort, int smtpPort) throws IOException {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 0);
    webhook.createContext(
        "/slack",
        exchange -> {
          posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    webhook.start();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  static ReportSinks start() {
    try {
      return new ReportSinks(
          Integer.getInteger("taskyard.it.webhookPort"),
          Integer.getInteger("taskyard.it.smtpPort"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON bodies posted to the webhook, oldest first. */
  public List<String> posted() {
    return List.copyOf(posted);
  }

  /** The SMTP server, holding every message it was sent. */
  public GreenMail mail() {
    return mail;
  }

  /** The status the webhook answers from now on (200 unless a test makes it refuse). */
  public void answer(int status) {
    answer = status;
  }
}
