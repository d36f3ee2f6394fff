package dev.taskyard.app.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The audit log's name for what an API method changes ({@code task.retry}, {@code queue.settings},
 * ...): {@code <thing>.<verb>}, stable, since filters and exports are written against it. {@link
 * AuditFilter} records every call of a method that changes something; one without this annotation
 * is recorded under its OpenAPI operation id.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditAction {
  String value();
}
