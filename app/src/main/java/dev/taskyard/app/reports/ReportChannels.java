package dev.taskyard.app.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the daily report goes: a Slack incoming webhook and mail over SMTP, each if configured.
 * Each channel is tried whatever the other did; what failed is said in the exception, without
 * addresses or secrets.
 */
@ApplicationScoped
public class ReportChannels {
  private static final Logger LOG = Logger.getLogger(ReportChannels.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Inject ReportSettings settings;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** The channels configured, by name ({@code slack}, {@code mail}); none means nothing to send. */
  public List<String> configured() {
    List<String> channels = new ArrayList<>();
    settings.slackWebhookUrl().ifPresent(url -> channels.add("slack"));
    if (!settings.mailTo().isEmpty()) {
      channels.add("mail");
    }
    return channels;
  }

  /**
   * Sends {@code summary} to every configured channel.
   *
   * @return the channels it reached
   * @throws DeliveryException if one failed (after the others were tried)
   */
  public List<String> send(DailySummary summary) {
    String subject = ReportText.subject(summary);
    String body = ReportText.body(summary, settings.consoleUrl());
    List<String> reached = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    settings
        .slackWebhookUrl()
        .ifPresent(
            url -> {
              try {
                slack(url, subject, body);
                reached.add("slack");
              } catch (WebhookRefusedException e) {
                failures.add("slack: " + e.getMessage());
              } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "The daily report did not reach Slack", e);
                failures.add("slack: the webhook could not be reached (" + name(e) + ")");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("slack: interrupted");
              }
            });
    if (!settings.mailTo().isEmpty()) {
      try {
        mail(subject, body);
        reached.add("mail");
      } catch (MessagingException | RuntimeException e) {
        LOG.log(Level.WARNING, "The daily report could not be mailed", e);
        failures.add("mail: the SMTP server did not take it (" + name(e) + ")");
      }
    }
    if (!failures.isEmpty()) {
      throw new DeliveryException(reached, String.join("; ", failures));
    }
    return reached;
  }

  private void slack(String url, String subject, String body)
      throws IOException, InterruptedException {
    // Slack's mrkdwn: the table in a code block keeps its columns; &, < and > are escaped.
    String text = escapeForSlack("*" + subject + "*\n```\n" + body + "```");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.createObjectBuilder().add("text", text).build().toString()))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new WebhookRefusedException(response.statusCode());
    }
  }

  /** The exception's kind, for a caller: its message may name hosts and addresses. */
  private static String name(Exception e) {
    return e.getClass().getSimpleName();
  }

  private static final class WebhookRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    WebhookRefusedException(int status) {
      super("the webhook answered " + status);
    }
  }

  static String escapeForSlack(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private void mail(String subject, String body) throws MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", settings.smtpHost());
    properties.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
    properties.put("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    properties.put("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.smtpStartTls()));
    properties.put("mail.smtp.starttls.required", Boolean.toString(settings.smtpStartTls()));
    Authenticator authenticator = null;
    if (settings.smtpUser().isPresent()) {
      properties.put("mail.smtp.auth", "true");
      String user = settings.smtpUser().get();
      String password = settings.smtpPassword().orElse("");
      authenticator =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(user, password);
            }
          };
    }
    MimeMessage message = new MimeMessage(Session.getInstance(properties, authenticator));
    message.setFrom(new InternetAddress(settings.mailFrom()));
    for (String to : settings.mailTo()) {
      message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
    }
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setText(body, StandardCharsets.UTF_8.name());
    Transport.send(message);
  }

  /** A channel failed; {@code reached} lists the ones that did not. */
  public static final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> reached;

    DeliveryException(List<String> reached, String message) {
      super(message);
      this.reached = List.copyOf(reached);
    }

    public List<String> reached() {
      return reached;
    }
  }
}
