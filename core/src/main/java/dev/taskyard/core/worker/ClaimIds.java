package dev.taskyard.core.worker;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claim ids: unique across workers and restarts (a random part per instance, then a counter). A
 * claim id is the lease token of the tasks the claim leases, and lets a worker whose claim reply
 * was lost ask for that claim again ({@link TaskLeases#claim(String, String, int, String,
 * String)}).
 */
final class ClaimIds {
  private final String prefix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final AtomicLong counter = new AtomicLong();

  String next() {
    return prefix + "-" + Long.toString(counter.incrementAndGet(), 36);
  }
}
