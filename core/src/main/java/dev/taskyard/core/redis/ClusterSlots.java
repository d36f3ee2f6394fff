package dev.taskyard.core.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.redisson.api.RedissonClient;

/**
 * Redis Cluster's hash slots: a key's slot is CRC16 of its hash tag (the text between the first
 * {@code {}} and the next {@code }}, when not empty) or of the whole key, modulo 16384. One command
 * may name several keys only when they share a slot.
 */
public final class ClusterSlots {
  public static final int COUNT = 16384;

  private ClusterSlots() {}

  /** The slot of {@code key}, as {@code CLUSTER KEYSLOT} answers. */
  public static int of(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int end = bytes.length;
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        // Character positions are byte positions up to the tag's braces only for ASCII before it;
        // take the byte offsets of the same characters instead.
        start = key.substring(0, open + 1).getBytes(StandardCharsets.UTF_8).length;
        end = key.substring(0, close).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return crc16(bytes, start, end) % COUNT;
  }

  /** CRC16-CCITT (XMODEM), Redis Cluster's key hash. */
  private static int crc16(byte[] bytes, int start, int end) {
    int crc = 0;
    for (int i = start; i < end; i++) {
      crc ^= (bytes[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }

  /**
   * {@code items} in groups that one multi-key command may cover: all of them together on a single
   * server or Sentinel-managed master, those whose keys share a slot on a cluster. Order is kept
   * within and across groups.
   */
  public static <T> List<List<T>> groups(
      RedissonClient redisson, List<T> items, Function<T, String> key) {
    if (!redisson.getConfig().isClusterConfig()) {
      return items.isEmpty() ? List.of() : List.of(items);
    }
    Map<Integer, List<T>> bySlot = new LinkedHashMap<>();
    for (T item : items) {
      bySlot.computeIfAbsent(of(key.apply(item)), s -> new ArrayList<>()).add(item);
    }
    return List.copyOf(bySlot.values());
  }
}
