package dev.taskyard.app.platform;

/** A query parameter that is missing or malformed: 400 naming it. */
public class BadParameterException extends ProblemException {
  private static final long serialVersionUID = 1L;
  private final String parameter;
  private final String detail;

  public BadParameterException(String parameter, String detail) {
    super(Problem.badInput(parameter, detail));
    this.parameter = parameter;
    this.detail = detail;
  }

  public String parameter() {
    return parameter;
  }

  @Override
  public String getMessage() {
    return parameter + ": " + detail;
  }
}
