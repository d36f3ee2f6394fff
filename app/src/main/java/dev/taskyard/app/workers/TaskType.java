package dev.taskyard.app.workers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean implementing {@link dev.taskyard.core.worker.TaskHandler} as the handler of one
 * task type in one queue. Found at startup; this node's worker pool then serves the queue.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @TaskType(value = "file.checksum", queue = "files")
 * public class ChecksumHandler implements TaskHandler { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TaskType {
  /** The task type, as producers name it when they submit. */
  String value();

  /** The queue whose tasks of this type the handler runs. */
  String queue() default "default";
}
