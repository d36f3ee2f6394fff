package dev.taskyard.app.audit;

/**
 * PostgreSQL refused a value of an audit batch (a data or integrity error): writing it again will
 * not help, unlike an {@link AuditUnavailableException}.
 */
class AuditRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AuditRefusedException(Throwable cause) {
    super(String.valueOf(cause), cause);
  }
}
