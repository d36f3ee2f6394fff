package dev.taskyard.app.platform;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * 415 for a body sent without {@code Content-Type} to a resource that declares what it consumes.
 * JAX-RS matches a request without one to any {@code @Consumes}, so such a body would be read as if
 * it were JSON.
 */
@Provider
public class MissingContentTypeFilter implements ContainerRequestFilter {
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.hasEntity()
        && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
        && consumesSomeTypeOnly()) {
      throw new NotSupportedException();
    }
  }

  /**
   * Whether the matched method declares what it consumes, and not any type ({@code *}/{@code *}).
   */
  private boolean consumesSomeTypeOnly() {
    Method method = resource.getResourceMethod();
    if (method == null) {
      return false;
    }
    Consumes consumes = method.getAnnotation(Consumes.class);
    if (consumes == null) {
      consumes = resource.getResourceClass().getAnnotation(Consumes.class);
    }
    return consumes != null && !Arrays.asList(consumes.value()).contains(MediaType.WILDCARD);
  }
}
