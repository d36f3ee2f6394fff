package dev.taskyard.app.tasks;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A submitted batch: its tasks in the order given. */
@Schema(name = "SubmittedBatchView")
public record SubmittedBatchView(String queue, List<SubmittedView> tasks) {}
