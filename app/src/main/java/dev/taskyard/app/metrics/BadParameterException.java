package dev.taskyard.app.metrics;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;

/** A query parameter that is missing or malformed: 400 naming it. */
class BadParameterException extends ProblemException {
  final String parameter;

  BadParameterException(String parameter, String detail) {
    super(Problem.badInput(parameter, detail));
    this.parameter = parameter;
  }
}
