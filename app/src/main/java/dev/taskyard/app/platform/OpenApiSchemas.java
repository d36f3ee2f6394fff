package dev.taskyard.app.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Named schemas the resources' annotations refer to ({@code @Schema(ref = ...)}), given here
 * ({@code mp.openapi.model.reader}) because Payara garbles an inline {@code @Schema}: it writes
 * every attribute's default ({@code maxProperties: 0}, {@code minLength: 0}, ...), ignores {@code
 * oneOf} and gives an array the properties of its items. A submit's answer is {@code anyOf} the two
 * views, not {@code oneOf}: nothing in the JSON tells them apart but which fields are present.
 * Request bodies are read field by field ({@link JsonInput}), so they are JSON objects whose fields
 * the operation's description lists.
 */
public class OpenApiSchemas implements OASModelReader {
  /** A JSON object request body. */
  public static final String JSON_OBJECT = "JsonObject";

  /** The answer to a submit: one task's, or a batch's. */
  public static final String SUBMITTED = "Submitted";

  /** Arrays of the named view. */
  public static final String ALERTS = "Alerts";

  public static final String AUDIT_ENTRIES = "AuditEntries";

  public static final String QUARANTINED_ENTRIES = "QuarantinedEntries";
  public static final String QUEUE_STATUSES = "QueueStatuses";
  public static final String SCHEDULES = "Schedules";
  public static final String TOKENS = "Tokens";
  public static final String USERS = "Users";
  public static final String WORKER_NODES = "WorkerNodes";

  @Override
  public OpenAPI buildModel() {
    return OASFactory.createOpenAPI()
        .components(
            OASFactory.createComponents()
                .addSchema(
                    JSON_OBJECT,
                    OASFactory.createSchema()
                        .type(Schema.SchemaType.OBJECT)
                        .description("A JSON object; the operation lists its fields"))
                .addSchema(
                    SUBMITTED,
                    OASFactory.createSchema()
                        .addAnyOf(reference("SubmittedView"))
                        .addAnyOf(reference("SubmittedBatchView")))
                .addSchema(ALERTS, arrayOf("Alert"))
                .addSchema(AUDIT_ENTRIES, arrayOf("AuditEntryView"))
                .addSchema(QUARANTINED_ENTRIES, arrayOf("QuarantinedEntry"))
                .addSchema(QUEUE_STATUSES, arrayOf("QueueStatusView"))
                .addSchema(SCHEDULES, arrayOf("ScheduleView"))
                .addSchema(TOKENS, arrayOf("TokenView"))
                .addSchema(USERS, arrayOf("UserView"))
                .addSchema(WORKER_NODES, arrayOf("WorkerNodeView")));
  }

  private static Schema arrayOf(String item) {
    return OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(reference(item));
  }

  private static Schema reference(String component) {
    return OASFactory.createSchema().ref(component);
  }
}
