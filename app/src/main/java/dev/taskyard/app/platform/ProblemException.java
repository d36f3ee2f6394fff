package dev.taskyard.app.platform;

/** A refusal the application decided on itself (rate limited, circuit open), as its problem. */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  public ProblemException(Problem problem, Throwable cause) {
    super(problem.toJson().toString(), cause, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
