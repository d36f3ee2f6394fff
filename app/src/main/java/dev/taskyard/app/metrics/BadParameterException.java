package dev.taskyard.app.metrics;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;

/** A query parameter that is missing or malformed: 400 naming it. */
class BadParameterException extends ProblemException {
  final String parameter;
  private final String detail;

  BadParameterException(String parameter, String detail) {
    super(Problem.badInput(parameter, detail));
    this.parameter = parameter;
    this.detail = detail;
  }

  @Override
  public String getMessage() {
    return parameter + ": " + detail;
  }
}
