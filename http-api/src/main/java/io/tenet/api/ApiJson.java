package io.tenet.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tenet.topology.model.ProviderType;
import io.tenet.topology.model.RuleDirection;
import java.io.IOException;
import java.util.Locale;

/**
 * The API's JSON dialect: snake_case names, ISO-8601 times, lower-case enums, and strict
 * reading (an unknown field is an error, not silently dropped, so typos do not pass as defaults).
 */
public final class ApiJson {
  private ApiJson() {}

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule().addSerializer(RuleDirection.class, new LowerCaseEnum<>(RuleDirection.class))
          .addSerializer(ProviderType.class, new LowerCaseEnum<>(ProviderType.class)))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private static final class LowerCaseEnum<E extends Enum<E>> extends StdSerializer<E> {
    LowerCaseEnum(Class<E> type) {
      super(type);
    }

    @Override
    public void serialize(E value, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeString(value.name().toLowerCase(Locale.ROOT));
    }
  }
}
