package dev.taskyard.app.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API, under {@code /api}; its OpenAPI document is at {@code /openapi}. Errors are {@code
 * application/problem+json} with {@code status}, {@code title}, {@code detail} and, for bad input,
 * {@code field} and {@code errors[]}.
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
    tags = {
      @Tag(name = "tasks", description = "Submit tasks and act on them"),
      @Tag(name = "queues", description = "Queue status, actions, settings and breakers"),
      @Tag(name = "schedules", description = "Recurring schedules (cron)")
    })
public class RestApplication extends Application {}
