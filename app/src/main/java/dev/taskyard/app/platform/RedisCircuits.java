package dev.taskyard.app.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The circuit states of the Redis adapters' methods as their callers saw them: {@code OPEN} from
 * the first call an open breaker refused until a call is answered again. MicroProfile FT keeps one
 * breaker per method and half-opens it on the first call after its delay, so an idle open circuit
 * stays {@code OPEN} here until someone tries.
 */
@ApplicationScoped
public class RedisCircuits {

  /** One adapter method's circuit; {@code since} is when it was first seen in this state. */
  public record Circuit(String name, String state, Instant since) {}

  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

  static String name(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  void answered(String name) {
    Circuit c = circuits.get(name);
    if (c == null || c.state().equals("OPEN")) {
      circuits.put(name, new Circuit(name, "CLOSED", Instant.now()));
    }
  }

  /** Records a refusal by the open breaker; returns how long it stays open, by its delay. */
  Duration refused(String name, Method method) {
    Circuit c =
        circuits.compute(
            name,
            (k, old) ->
                old != null && old.state().equals("OPEN")
                    ? old
                    : new Circuit(name, "OPEN", Instant.now()));
    Duration open = Duration.between(c.since(), Instant.now());
    Duration left = delay(method).minus(open);
    return left.isNegative() ? Duration.ofSeconds(1) : left;
  }

  public List<Circuit> all() {
    return circuits.values().stream().sorted(Comparator.comparing(Circuit::name)).toList();
  }

  public List<Circuit> open() {
    return all().stream().filter(c -> c.state().equals("OPEN")).toList();
  }

  /**
   * The breaker's delay as MicroProfile FT reads it: the key of the element that carries the
   * annotation (a method's {@code <class>/<method>/CircuitBreaker/delay}, a class's {@code
   * <class>/CircuitBreaker/delay}), then the global key, then the annotation.
   */
  private static Duration delay(Method method) {
    Class<?> type = method.getDeclaringClass();
    CircuitBreaker onMethod = method.getAnnotation(CircuitBreaker.class);
    CircuitBreaker annotation =
        onMethod != null ? onMethod : type.getAnnotation(CircuitBreaker.class);
    long fallback = annotation == null ? 5000 : annotation.delay();
    ChronoUnit unit = annotation == null ? ChronoUnit.MILLIS : annotation.delayUnit();
    String key =
        onMethod != null
            ? type.getName() + "/" + method.getName() + "/CircuitBreaker/delay"
            : type.getName() + "/CircuitBreaker/delay";
    var config = ConfigProvider.getConfig();
    long ms =
        config
            .getOptionalValue(key, Long.class)
            .or(() -> config.getOptionalValue("CircuitBreaker/delay", Long.class))
            .orElse(fallback);
    return Duration.of(ms, unit);
  }
}
