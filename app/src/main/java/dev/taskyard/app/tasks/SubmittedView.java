package dev.taskyard.app.tasks;

import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One submitted task.
 *
 * @param created false when its idempotency key matched an earlier task, whose id this is
 * @param location where the task can be read
 */
@Schema(name = "SubmittedView")
public record SubmittedView(String queue, String id, boolean created, URI location) {}
