package dev.taskyard.app.history;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Task ids (UUIDv7) made at a chosen time, to put tasks in a chosen week of the history. */
final class TaskIdsAt {
  private TaskIdsAt() {}

  static UUID at(Instant time) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (time.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
