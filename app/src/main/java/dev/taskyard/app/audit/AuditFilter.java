package dev.taskyard.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Records every API request that may change something (any method but GET, HEAD and OPTIONS) in the
 * audit log once its answer is known: refused ones too (400, 404, 409, 503 ... from a resource or
 * from JAX-RS). Who: the authenticated user and their highest role; what: the method's {@link
 * AuditAction}; the target: what the method's {@link AuditDetails} names, else the path's
 * parameters joined by {@code /}; from where: the client's address as the container sees it (a
 * proxy's, behind one).
 *
 * <p>Not recorded, because they never reach JAX-RS: requests the container refuses before (401 no
 * or wrong credentials and 403 a viewer changing something, by {@code web.xml}'s constraints; 429
 * too many failed logins, by the login throttle), and bodies over {@code
 * taskyard.api.max-body-bytes} (413, by a servlet filter).
 */
@Provider
@ApplicationScoped
public class AuditFilter implements ContainerResponseFilter {
  private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
  private static final Set<String> READS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{\\s*(\\w[\\w.-]*)");

  /** The action of a request no resource method took (no such path, or not this method). */
  static final String UNMATCHED = "request.unmatched";

  @Context ResourceInfo resource;
  @Context HttpServletRequest servletRequest;
  @Inject AuditDetails details;
  @Inject AuditLog log;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (READS.contains(request.getMethod())) {
      return;
    }
    try {
      Method method = resource.getResourceMethod();
      SecurityContext caller = request.getSecurityContext();
      Principal user = caller.getUserPrincipal();
      String target = details.target();
      if (target == null) {
        target =
            method == null
                ? request.getUriInfo().getPath()
                : target(method, request.getUriInfo().getPathParameters());
      }
      log.record(
          user == null ? null : user.getName(),
          AuditLog.highestRole(caller::isUserInRole),
          action(method),
          target,
          details.before(),
          details.after(),
          servletRequest.getRemoteAddr(),
          response.getStatus());
    } catch (RuntimeException e) {
      // Never fail the answer for the audit; AuditLog counts what it cannot record.
      LOG.warning(
          "Audit of "
              + request.getMethod()
              + " "
              + request.getUriInfo().getPath()
              + " failed: "
              + e);
    }
  }

  /** The method's audit name: its {@link AuditAction}, else its OpenAPI operation id. */
  static String action(Method method) {
    if (method == null) {
      return UNMATCHED;
    }
    AuditAction action = method.getAnnotation(AuditAction.class);
    if (action != null) {
      return action.value();
    }
    Operation operation = method.getAnnotation(Operation.class);
    return operation != null && !operation.operationId().isEmpty()
        ? operation.operationId()
        : method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  /** The values of the method's path parameters in the order its path names them, joined by /. */
  static String target(Method method, MultivaluedMap<String, String> values) {
    List<String> parts = new ArrayList<>();
    for (String name : parameterNames(method)) {
      String value = values.getFirst(name);
      if (value != null) {
        parts.add(value);
      }
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }

  static List<String> parameterNames(Method method) {
    List<String> names = new ArrayList<>();
    for (Path path :
        new Path[] {
          method.getDeclaringClass().getAnnotation(Path.class), method.getAnnotation(Path.class)
        }) {
      if (path != null) {
        Matcher m = PATH_PARAMETER.matcher(path.value());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
