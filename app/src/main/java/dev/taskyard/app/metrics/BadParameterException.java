package dev.taskyard.app.metrics;

/** A query parameter that is missing or malformed: the resource answers 400 naming it. */
class BadParameterException extends RuntimeException {
  final String parameter;

  BadParameterException(String parameter, String detail) {
    super(parameter + ": " + detail);
    this.parameter = parameter;
  }
}
