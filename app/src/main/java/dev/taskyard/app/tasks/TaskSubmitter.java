package dev.taskyard.app.tasks;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.core.InvalidInputException;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.control.QueueNames;
import dev.taskyard.core.control.RateLimiter;
import dev.taskyard.core.enqueue.JsonText;
import dev.taskyard.core.enqueue.QueueFullException;
import dev.taskyard.core.enqueue.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Submits in the order that keeps floods cheap: input checked (nothing sent to Redis), the queue's
 * submit breaker (refuses without Redis while open), its rate limit, then the submit; a full queue
 * counts towards opening the breaker.
 */
@ApplicationScoped
public class TaskSubmitter {
  @Inject Taskyard taskyard;
  @Inject TaskStore store;
  @Inject SubmitBreakers breakers;
  @Inject SubmitRateLimits rateLimits;

  /**
   * Most payload bytes one submit may carry in all: a batch is one script call, which Redis runs
   * alone while it reads it, so a thousand large payloads would stall every queue.
   */
  @Inject
  @ConfigProperty(name = "taskyard.api.max-batch-payload-bytes", defaultValue = "8388608")
  long maxBatchPayloadBytes;

  /**
   * @throws InvalidInputException naming the field at fault
   * @throws QueueFullException the queue is full (this counts towards opening its breaker)
   * @throws ProblemException 429 when rate limited, 503 while the queue's submit circuit is open
   */
  public List<Submission> submit(SubmitTaskCommand command) {
    String queue = QueueNames.check(command.queue());
    long payloadBytes = 0;
    for (int i = 0; i < command.tasks().size(); i++) {
      try {
        taskyard.producer().validate(command.tasks().get(i));
      } catch (InvalidInputException e) {
        throw command.locate(e, i);
      }
      payloadBytes += JsonText.utf8Length(command.tasks().get(i).payload());
    }
    if (payloadBytes > maxBatchPayloadBytes) {
      throw new InvalidInputException(
          "tasks",
          "carry "
              + payloadBytes
              + " bytes of payload, more than the "
              + maxBatchPayloadBytes
              + " one submit may carry");
    }
    KeyedCircuitBreaker breaker = breakers.breaker();
    Optional<Duration> open = breaker.tryAcquire(queue);
    if (open.isPresent()) {
      throw new ProblemException(
          Problem.of(503, "Submit circuit open")
              .detail(
                  "Queue '"
                      + queue
                      + "' refused recent submits as full; submits are refused until it has room.")
              .retryAfter(open.get()));
    }
    boolean settled = false;
    try {
      rateLimits.of(queue).ifPresent(limit -> takePermits(queue, limit, command.tasks().size()));
      List<Submission> submissions = store.submit(queue, command.tasks());
      breaker.succeeded(queue);
      settled = true;
      return submissions;
    } catch (QueueFullException e) {
      breaker.failed(queue);
      settled = true;
      throw e;
    } finally {
      if (!settled) {
        breaker.abandoned(queue);
      }
    }
  }

  private void takePermits(String queue, RateLimiter.Limit limit, int tasks) {
    if (tasks > limit.burst()) {
      throw new InvalidInputException(
          "tasks",
          "holds "
              + tasks
              + " tasks, more than queue '"
              + queue
              + "' accepts at once ("
              + limit.burst()
              + ")");
    }
    Duration wait = store.acquire(SubmitRateLimits.limiterName(queue), limit, tasks);
    if (!wait.isZero()) {
      throw new ProblemException(
          Problem.of(429, "Too many submits")
              .detail("Queue '" + queue + "' accepts " + limit.perSecond() + " tasks per second.")
              .retryAfter(wait));
    }
  }
}
