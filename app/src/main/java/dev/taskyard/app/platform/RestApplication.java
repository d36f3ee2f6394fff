package dev.taskyard.app.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API, under {@code /api}; its OpenAPI document is at {@code /openapi}. Errors are {@code
 * application/problem+json} with {@code status}, {@code title}, {@code detail} and, for bad input,
 * {@code field} and {@code errors[]}. Every operation needs HTTP Basic or an API token ({@code
 * web.xml} constrains all of {@code /api/*}), so the document requires it once for all of them;
 * health and {@code /openapi} are Payara's, outside this document, and open.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Taskyard API",
            version = "1",
            description =
                "Submit and control tasks, queues and schedules. Errors are"
                    + " application/problem+json naming the field at fault."),
    security = {
      @SecurityRequirement(name = RestApplication.SECURITY_SCHEME),
      @SecurityRequirement(name = RestApplication.TOKEN_SCHEME)
    },
    tags = {
      @Tag(name = "tasks", description = "Submit tasks and act on them"),
      @Tag(name = "queues", description = "Queue status, actions, settings and breakers"),
      @Tag(name = "schedules", description = "Recurring schedules (cron)"),
      @Tag(name = "workers", description = "Worker nodes and the threads they run per queue"),
      @Tag(name = "metrics", description = "Time series per queue"),
      @Tag(
          name = "alerts",
          description = "Alerts of queues and worker nodes raised and resolved by the app"),
      @Tag(name = "history", description = "The archive of task history: entries it set aside"),
      @Tag(name = "reports", description = "The daily report: preview it, send it now"),
      @Tag(name = "users", description = "Users (administrators) and your own API tokens"),
      @Tag(
          name = "audit",
          description = "Who changed what, when, from where, and how it ended (administrator only)")
    })
@SecurityScheme(
    securitySchemeName = RestApplication.SECURITY_SCHEME,
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description =
        "A user's name and password: configured (taskyard.admin.*, taskyard.operator.*,"
            + " taskyard.viewer.*) or managed in the console")
@SecurityScheme(
    securitySchemeName = RestApplication.TOKEN_SCHEME,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A personal API token (ty_...), made in the console or with POST /api/tokens")
public class RestApplication extends Application {
  /** The security schemes of the OpenAPI document: either one will do. */
  static final String SECURITY_SCHEME = "basicAuth";

  static final String TOKEN_SCHEME = "apiToken";
}
