package io.tenet.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Neutron's loose way with values: the client sends booleans as "True"/"False" in queries and
 * numbers as strings in bodies ({@code "mtu": "1450"}). Pure.
 */
final class NeutronValues {
  private NeutronValues() {}

  static boolean isTrue(String text) {
    return text.toLowerCase(Locale.ROOT).equals("true");
  }

  /**
   * Whether an attribute's value matches a filter's text: a boolean either way of writing it, a
   * list when one element does ({@code fixed_ips=ip_address=10.0.0.3} matches an element whose
   * {@code ip_address} is that), null when the text is empty or "None".
   */
  static boolean matches(JsonNode value, String wanted) {
    if (value == null || value.isNull()) return wanted.isEmpty() || wanted.equals("None");
    if (value.isBoolean()) return value.asBoolean() == isTrue(wanted) && (isTrue(wanted) || wanted.equalsIgnoreCase("false"));
    if (value.isArray()) {
      for (JsonNode element : value) if (elementMatches(element, wanted)) return true;
      return false;
    }
    return value.asText().equals(wanted);
  }

  private static boolean elementMatches(JsonNode element, String wanted) {
    if (!element.isObject()) return element.asText().equals(wanted);
    int equals = wanted.indexOf('=');
    if (equals < 0) return false;
    JsonNode field = element.get(wanted.substring(0, equals));
    return field != null && field.asText().equals(wanted.substring(equals + 1));
  }

  /** A boolean attribute of a body: true/false, or their strings in any case. Null when it is neither. */
  static Boolean bool(JsonNode value) {
    if (value.isBoolean()) return value.asBoolean();
    if (value.isTextual() && (isTrue(value.asText()) || value.asText().equalsIgnoreCase("false"))) return isTrue(value.asText());
    return null;
  }

  /** A whole-number attribute of a body: a number, or a string of one. Null when it is neither. */
  static Integer integer(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToInt()) return value.asInt();
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.asText().trim());
      } catch (NumberFormatException notOne) {
        return null;
      }
    }
    return null;
  }

  /** The object's {@code tags}, as every taggable resource shows them. */
  static void putTags(ObjectNode json, List<String> tags) {
    tags.forEach(json.putArray("tags")::add);
  }
}
