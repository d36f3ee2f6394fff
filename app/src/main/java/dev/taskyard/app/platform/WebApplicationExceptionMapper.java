package dev.taskyard.app.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (no such path 404, method 405, media type 415, 406...) as problems, keeping
 * their headers ({@code Allow}, {@code WWW-Authenticate}).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    Response problem =
        Problem.of(original.getStatusInfo()).detail(detail(original.getStatus())).toResponse();
    Response.ResponseBuilder out = Response.fromResponse(problem);
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> out.header(name, v));
              }
            });
    return out.build();
  }

  private static String detail(int status) {
    return switch (status) {
      case 404 -> "No resource at this path.";
      case 405 -> "This path does not support that method; see the Allow header.";
      case 415 -> "Send the body as application/json.";
      case 406 -> "This resource answers in JSON only.";
      default -> "The request was refused.";
    };
  }
}
