package dev.taskyard.bench;

import dev.taskyard.core.redis.RedisMasters;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNode.InfoSection;

/**
 * Calls per command from Redis's {@code INFO commandstats}. Redis counts the commands a Lua script
 * runs as well as the {@code EVALSHA} that started it, so a script call of five commands counts
 * six. The benchmark's own {@code INFO} calls are left out.
 */
public record CommandStats(Map<String, Long> calls, Map<String, Long> micros) {
  private static final Pattern CALLS = Pattern.compile("calls=(\\d+)");
  private static final Pattern USEC = Pattern.compile("usec=(\\d+)");
  private static final String OWN = "info";

  static CommandStats read(RedissonClient redisson) {
    Map<String, Long> calls = new HashMap<>();
    Map<String, Long> micros = new HashMap<>();
    // On a cluster, the sum over its masters.
    for (RedisNode master : RedisMasters.of(redisson)) {
      master
          .info(InfoSection.COMMANDSTATS)
          .forEach(
              (name, stats) -> {
                String command = name.replaceFirst("^cmdstat_", "");
                if (!command.equals(OWN)) {
                  calls.merge(command, number(CALLS, stats), Long::sum);
                  micros.merge(command, number(USEC, stats), Long::sum);
                }
              });
    }
    return new CommandStats(calls, micros);
  }

  static CommandStats empty() {
    return new CommandStats(Map.of(), Map.of());
  }

  /** What ran between {@code earlier} and this reading. */
  CommandStats minus(CommandStats earlier) {
    return new CommandStats(combine(calls, earlier.calls, 1), combine(micros, earlier.micros, 1));
  }

  CommandStats plus(CommandStats other) {
    return new CommandStats(combine(calls, other.calls, -1), combine(micros, other.micros, -1));
  }

  /** These stats {@code times} times over. */
  CommandStats times(long times) {
    Map<String, Long> c = new HashMap<>();
    Map<String, Long> m = new HashMap<>();
    calls.forEach((k, v) -> c.put(k, v * times));
    micros.forEach((k, v) -> m.put(k, v * times));
    return new CommandStats(c, m);
  }

  long total() {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  long calls(String command) {
    return calls.getOrDefault(command, 0L);
  }

  long micros(String command) {
    return micros.getOrDefault(command, 0L);
  }

  /** Command names, most calls first. */
  List<String> byCalls() {
    return calls.entrySet().stream()
        .filter(e -> e.getValue() != 0)
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Map<String, Long> combine(Map<String, Long> a, Map<String, Long> b, int sign) {
    Map<String, Long> out = new HashMap<>(a);
    b.forEach((k, v) -> out.merge(k, -sign * v, Long::sum));
    out.values().removeIf(v -> v == 0);
    return out;
  }

  private static long number(Pattern pattern, String stats) {
    Matcher m = pattern.matcher(stats);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
