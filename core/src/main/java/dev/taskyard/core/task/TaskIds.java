package dev.taskyard.core.task;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Task ids: UUIDv7 strings, time-ordered and unique across nodes without coordination. */
public final class TaskIds {
  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private TaskIds() {}

  public static String next() {
    return GENERATOR.generate().toString();
  }
}
