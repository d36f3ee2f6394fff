package dev.taskyard.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterSlotsTest {

  /** Redis Cluster's specification gives 12739 for "123456789" and the hash tag rules. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "123456789, 12739",
    "{123456789}.following, 12739",
    "a{123456789}b{c}, 12739",
    "{{123456789}}, 5574",
  })
  void slotsFollowTheClusterSpecification(String key, int slot) {
    assertThat(ClusterSlots.of(key)).isEqualTo(slot);
  }

  /** An empty tag, or none closed, hashes the whole key; the tag is up to the first close. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"foo{}{bar}, 8363", "foo{bar, 15278", "foo{{bar}}zap, 4015"})
  void onlyAClosedNonEmptyTagIsHashedAlone(String key, int slot) {
    assertThat(ClusterSlots.of(key)).isEqualTo(slot);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "queued",
    "events",
    "t:0190c7d2-7e2f-7000-8000-000000000000",
    "t:0190c7d2-7e2f-7000-8000-000000000000:children",
    "req:abc",
    "hist:duration"
  })
  void everyKeyOfAQueueSharesItsSlot(String suffix) {
    QueueKeys keys = new QueueKeys("emails");
    assertThat(ClusterSlots.of("ty:{emails}:" + suffix)).isEqualTo(ClusterSlots.of(keys.queued()));
  }

  /** The slots that docs/architecture.md lists for the keys outside any queue. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    QueueKeys.QUEUES + ", 9819",
    QueueKeys.ACTIVE_QUEUES + ", 10258",
    QueueKeys.WORKERS + ", 2466",
    QueueKeys.WORKER_PREFIX + "node-1, 2466",
    QueueKeys.AUDIT + ", 15605",
    "ty:submit-breakers:open, 2371",
    "ty:security:admin-password-hash, 11671",
  })
  void globalKeysLiveInTheDocumentedSlots(String key, int slot) {
    assertThat(ClusterSlots.of(key)).isEqualTo(slot);
  }
}
