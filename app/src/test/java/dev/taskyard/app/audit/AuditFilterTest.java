package dev.taskyard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.queues.QueueControlResource;
import dev.taskyard.app.schedules.ScheduleResource;
import dev.taskyard.app.tasks.TaskCommandResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

  @Test
  void theActionIsTheMethodsAuditName() throws Exception {
    assertThat(AuditFilter.action(method(TaskCommandResource.class, "retry")))
        .isEqualTo("task.retry");
    assertThat(AuditFilter.action(method(QueueControlResource.class, "configure")))
        .isEqualTo("queue.settings");
    assertThat(AuditFilter.action(null)).isEqualTo(AuditFilter.UNMATCHED);
  }

  @Test
  void theTargetIsThePathsParametersInTheOrderThePathNamesThem() throws Exception {
    MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
    values.add("name", "nightly");
    values.add("queue", "reports");
    values.add("id", "0190a4f2-0000-7000-8000-000000000001");

    assertThat(AuditFilter.target(method(ScheduleResource.class, "pause"), values))
        .isEqualTo("reports/nightly");
    assertThat(AuditFilter.target(method(TaskCommandResource.class, "retry"), values))
        .isEqualTo("0190a4f2-0000-7000-8000-000000000001");
    assertThat(AuditFilter.target(method(TaskCommandResource.class, "submit"), values)).isNull();
  }

  /** A new mutation without an audit name would be recorded under its operation id: name it. */
  @Test
  void everyApiMethodThatChangesSomethingHasItsOwnAuditName() throws Exception {
    List<String> names = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    for (Class<?> type : appClasses()) {
      if (type.getAnnotation(Path.class) == null) {
        continue;
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Stream.of(POST.class, PUT.class, DELETE.class, PATCH.class)
            .anyMatch(m::isAnnotationPresent)) {
          AuditAction action = m.getAnnotation(AuditAction.class);
          if (action == null) {
            unnamed.add(type.getSimpleName() + "." + m.getName());
          } else {
            names.add(action.value());
          }
        }
      }
    }

    assertThat(unnamed).isEmpty();
    assertThat(names)
        .doesNotHaveDuplicates()
        .allMatch(n -> n.matches("[a-z]+\\.[a-z]+"))
        .contains("task.submit", "task.retry", "queue.pause", "queue.settings", "schedule.create");
  }

  private static Method method(Class<?> type, String name) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** Every class of the application's main code (target/classes). */
  private static List<Class<?>> appClasses() throws Exception {
    java.nio.file.Path root =
        java.nio.file.Path.of(
            AuditFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> skip = Set.of("package-info", "module-info");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!skip.contains(name.substring(name.lastIndexOf('.') + 1))) {
          classes.add(Class.forName(name, false, AuditFilterTest.class.getClassLoader()));
        }
      }
    }
    return classes;
  }
}
