package dev.taskyard.app.workers;

import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Finds the application's handlers: every CDI bean of type {@link TaskHandler}, with its {@link
 * TaskType} read from the bean class. Reading the bean class (not the instance, which may be a
 * client proxy) needs no portable extension.
 */
@ApplicationScoped
public class TaskHandlers {
  private static final Logger LOG = Logger.getLogger(TaskHandlers.class.getName());

  @Inject @Any Instance<TaskHandler> beans;

  /**
   * @throws IllegalStateException when two beans claim the same type or a queue name is invalid:
   *     the deployment fails rather than running tasks with the wrong handler
   */
  public List<HandlerBinding> find() {
    List<HandlerBinding> found = new ArrayList<>();
    Map<String, Class<?>> byType = new HashMap<>();
    for (Instance.Handle<TaskHandler> handle : beans.handles()) {
      Class<?> beanClass = handle.getBean().getBeanClass();
      TaskType taskType = beanClass.getAnnotation(TaskType.class);
      if (taskType == null) {
        LOG.warning(beanClass.getName() + " implements TaskHandler but has no @TaskType: unused");
        continue;
      }
      Class<?> other = byType.putIfAbsent(taskType.value(), beanClass);
      if (other != null) {
        throw new IllegalStateException(
            "Task type '"
                + taskType.value()
                + "' has two handlers: "
                + other.getName()
                + " and "
                + beanClass.getName());
      }
      try {
        QueueNames.check(taskType.queue());
      } catch (RuntimeException e) {
        throw new IllegalStateException(beanClass.getName() + ": " + e.getMessage(), e);
      }
      found.add(new HandlerBinding(taskType.value(), taskType.queue(), beanClass, handle.get()));
    }
    return found;
  }
}
