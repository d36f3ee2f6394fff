package dev.taskyard.app.tasks;

/** A query parameter the task API cannot use; answered 400 naming it. */
public class BadParameterException extends RuntimeException {
  private final String parameter;

  public BadParameterException(String parameter, String problem) {
    super(parameter + " " + problem);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
