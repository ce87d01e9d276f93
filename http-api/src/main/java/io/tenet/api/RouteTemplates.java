package io.tenet.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The route template a request path belongs to ("/v1/ports/{id}"), so metrics are labelled by
 * route and never by raw path: ids would make every request its own series. A path no template
 * matches is {@link #UNMATCHED}.
 */
final class RouteTemplates {
  static final String UNMATCHED = "unmatched";
  /** Pekko HTTP refuses other methods before routing; anything else would still be one label. */
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private record Template(String text, String[] segments, int literals) {}

  private final List<Template> templates;

  /** {@code endpoints} as in {@link ApiServer#ENDPOINTS}: "METHOD /path/{param}". */
  RouteTemplates(List<String> endpoints) {
    this.templates = endpoints.stream()
        .map(endpoint -> endpoint.substring(endpoint.indexOf(' ') + 1))
        .distinct()
        .map(path -> {
          String[] segments = segments(path);
          int literals = (int) Arrays.stream(segments).filter(s -> !isParameter(s)).count();
          return new Template(path, segments, literals);
        })
        // a literal beats a parameter where both would match
        .sorted(Comparator.comparingInt(Template::literals).reversed())
        .toList();
  }

  String of(String path) {
    String[] segments = segments(path);
    for (Template template : templates) {
      if (matches(template.segments(), segments)) return template.text();
    }
    return UNMATCHED;
  }

  static String method(String method) {
    return METHODS.contains(method) ? method : "OTHER";
  }

  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) return false;
    for (int i = 0; i < template.length; i++) {
      if (isParameter(template[i]) ? path[i].isEmpty() : !template[i].equals(path[i])) return false;
    }
    return true;
  }

  private static boolean isParameter(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  /** "/v1/ports/x" as [v1, ports, x]; a trailing slash is an empty last segment, as Pekko's path matching sees it. */
  private static String[] segments(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return relative.split("/", -1);
  }
}
