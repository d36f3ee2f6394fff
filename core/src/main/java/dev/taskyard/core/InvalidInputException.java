package dev.taskyard.core;

/** Input was refused before anything was written; {@link #field()} names what is wrong. */
public final class InvalidInputException extends TaskyardException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidInputException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The offending field, such as {@code payload} or {@code tasks[3].priority}. */
  public String field() {
    return field;
  }

  /** The same problem, located inside a list: {@code tasks[3].payload}. */
  public InvalidInputException at(String list, int index) {
    return in(list + "[" + index + "]");
  }

  /** The same problem, located inside an object: {@code task.payload}. */
  public InvalidInputException in(String parent) {
    return new InvalidInputException(
        parent + "." + field, getMessage().substring(field.length() + 2));
  }
}
