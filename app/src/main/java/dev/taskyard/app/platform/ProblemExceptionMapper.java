package dev.taskyard.app.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/** Answers a {@link ProblemException} with its problem; a failure behind it goes to the log. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
  private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class.getName());

  @Override
  public Response toResponse(ProblemException e) {
    if (e.getCause() != null) {
      OutageLog.warning(LOG, "Answered " + e.problem().status(), e.getCause());
    }
    return e.problem().toResponse();
  }
}
