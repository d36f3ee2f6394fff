package dev.taskyard.app.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes the OpenAPI document Payara builds from the annotations ({@code mp.openapi.filter}):
 * every operation answers the 401 and 403 of {@code web.xml}'s constraints, which no resource
 * method sees; each tag is listed once; schemas lose the attribute defaults Payara writes; and
 * Payara's non-standard top-level {@code endpoints} property is dropped.
 */
public class OpenApiDocumentFilter implements OASFilter {
  private static final Set<PathItem.HttpMethod> READS =
      Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD);

  @Override
  public PathItem filterPathItem(PathItem pathItem) {
    pathItem
        .getOperations()
        .forEach(
            (method, operation) -> {
              operation
                  .getResponses()
                  .addAPIResponse("401", problem("No credentials, or wrong ones"));
              if (!READS.contains(method)) {
                operation
                    .getResponses()
                    .addAPIResponse("403", problem("The user's role may only read (viewer)"));
              }
            });
    return pathItem;
  }

  /**
   * Payara writes the default of every attribute a class-level {@code @Schema} leaves out ({@code
   * minLength: 0}, {@code nullable: false}, ...). Those say what their absence says, except {@code
   * maxProperties: 0}, which would allow an object no property at all; all are dropped.
   */
  @Override
  public Schema filterSchema(Schema schema) {
    schema.setMaxProperties(unlessZero(schema.getMaxProperties()));
    schema.setMinProperties(unlessZero(schema.getMinProperties()));
    schema.setMinLength(unlessZero(schema.getMinLength()));
    schema.setExclusiveMaximum(unlessFalse(schema.getExclusiveMaximum()));
    schema.setExclusiveMinimum(unlessFalse(schema.getExclusiveMinimum()));
    schema.setUniqueItems(unlessFalse(schema.getUniqueItems()));
    schema.setNullable(unlessFalse(schema.getNullable()));
    schema.setReadOnly(unlessFalse(schema.getReadOnly()));
    schema.setWriteOnly(unlessFalse(schema.getWriteOnly()));
    schema.setDeprecated(unlessFalse(schema.getDeprecated()));
    return schema;
  }

  private static Integer unlessZero(Integer value) {
    return Integer.valueOf(0).equals(value) ? null : value;
  }

  private static Boolean unlessFalse(Boolean value) {
    return Boolean.FALSE.equals(value) ? null : value;
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.setTags(onePerName(openAPI.getTags()));
    dropPayaraEndpoints(openAPI);
  }

  /**
   * Payara lists a class's {@code @Tag} again for every class that carries it, beside the one the
   * {@code @OpenAPIDefinition} describes; the one with a description is kept, in name order so that
   * the document does not change with the order in which classes were scanned.
   */
  private static List<Tag> onePerName(List<Tag> tags) {
    if (tags == null) {
      return null;
    }
    Map<String, Tag> byName = new TreeMap<>();
    for (Tag tag : tags) {
      byName.merge(
          tag.getName(), tag, (kept, other) -> kept.getDescription() != null ? kept : other);
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * Payara (up to 6.2025.10, the last Payara Micro 6 on Maven Central) adds {@code endpoints}, a
   * map of context roots to paths, beside {@code paths}; OpenAPI 3.0 allows no such property, so
   * validators refuse the document. Later Payara versions call it {@code x-endpoints}. It is not
   * part of the MicroProfile model, so it is emptied through Payara's own accessor, and Payara
   * writes no empty map.
   */
  private static void dropPayaraEndpoints(OpenAPI openAPI) {
    Method setter;
    try {
      setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
    } catch (NoSuchMethodException e) {
      return; // a Payara that no longer adds the property
    }
    try {
      setter.invoke(openAPI, Map.of());
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot drop Payara's endpoints property", e);
    }
  }

  private static APIResponse problem(String description) {
    return OASFactory.createAPIResponse()
        .description(description)
        .content(
            OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()));
  }
}
