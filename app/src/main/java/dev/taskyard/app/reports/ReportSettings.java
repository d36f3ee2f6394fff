package dev.taskyard.app.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The daily report's settings from MicroProfile Config ({@code taskyard.reports.*}). Off by
 * default; with it on, a wrong setting fails the deployment, naming the property.
 */
@ApplicationScoped
public class ReportSettings {

  @Inject
  @ConfigProperty(name = "taskyard.reports.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "taskyard.reports.time", defaultValue = "08:00")
  String time;

  @Inject
  @ConfigProperty(name = "taskyard.reports.zone", defaultValue = "UTC")
  String zone;

  @Inject
  @ConfigProperty(name = "taskyard.reports.console-url")
  Optional<String> consoleUrl;

  @Inject
  @ConfigProperty(name = "taskyard.reports.slack.webhook-url")
  Optional<String> slackWebhookUrl;

  @Inject
  @ConfigProperty(name = "taskyard.reports.mail.to")
  Optional<String> mailTo;

  @Inject
  @ConfigProperty(name = "taskyard.reports.mail.from", defaultValue = "taskyard@localhost")
  String mailFrom;

  @Inject
  @ConfigProperty(name = "taskyard.reports.smtp.host", defaultValue = "localhost")
  String smtpHost;

  @Inject
  @ConfigProperty(name = "taskyard.reports.smtp.port", defaultValue = "25")
  int smtpPort;

  @Inject
  @ConfigProperty(name = "taskyard.reports.smtp.user")
  Optional<String> smtpUser;

  @Inject
  @ConfigProperty(name = "taskyard.reports.smtp.password")
  Optional<String> smtpPassword;

  @Inject
  @ConfigProperty(name = "taskyard.reports.smtp.starttls", defaultValue = "false")
  boolean smtpStartTls;

  // Read through methods: callers hold a client proxy, whose own fields are never set.
  boolean enabled() {
    return enabled;
  }

  LocalTime time() {
    try {
      return LocalTime.parse(time.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("taskyard.reports.time: must be HH:MM, was " + time);
    }
  }

  ZoneId zone() {
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new IllegalStateException(
          "taskyard.reports.zone: must be a time-zone id such as Europe/Paris, was " + zone);
    }
  }

  /** The console's address as people reach it, for links in the report; empty if not set. */
  Optional<String> consoleUrl() {
    return consoleUrl.map(String::trim).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", ""));
  }

  Optional<String> slackWebhookUrl() {
    return slackWebhookUrl.map(String::trim).filter(u -> !u.isEmpty());
  }

  /** The addresses to mail the report to; none turns mail off. */
  List<String> mailTo() {
    return mailTo.stream()
        .flatMap(to -> Arrays.stream(to.split(",")))
        .map(String::trim)
        .filter(to -> !to.isEmpty())
        .toList();
  }

  String mailFrom() {
    return mailFrom.trim();
  }

  String smtpHost() {
    return smtpHost.trim();
  }

  int smtpPort() {
    if (smtpPort < 1 || smtpPort > 65535) {
      throw new IllegalStateException("taskyard.reports.smtp.port: must be 1-65535");
    }
    return smtpPort;
  }

  Optional<String> smtpUser() {
    return smtpUser.filter(u -> !u.isBlank());
  }

  Optional<String> smtpPassword() {
    return smtpPassword;
  }

  boolean smtpStartTls() {
    return smtpStartTls;
  }

  /** Reads every setting once, so a wrong one is said when the application starts. */
  void check() {
    time();
    zone();
    smtpPort();
    slackWebhookUrl().ifPresent(ReportSettings::checkUrl);
  }

  private static void checkUrl(String url) {
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new IllegalStateException(
          "taskyard.reports.slack.webhook-url: must be an http(s) address");
    }
  }
}
