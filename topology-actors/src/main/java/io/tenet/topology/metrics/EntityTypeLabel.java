package io.tenet.topology.metrics;

/** A sharding type name ("SecurityGroup") as a label value ("security_group"). */
public final class EntityTypeLabel {
  private EntityTypeLabel() {}

  public static String of(String typeName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < typeName.length(); i++) {
      char c = typeName.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) out.append('_');
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
