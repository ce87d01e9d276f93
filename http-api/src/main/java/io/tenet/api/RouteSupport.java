package io.tenet.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tenet.topology.Caller;
import io.tenet.topology.model.Ids;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import io.tenet.topology.model.ProblemCode;
import io.tenet.topology.model.TagChange;
import io.tenet.topology.model.TagsRequest;
import io.tenet.topology.realization.Awaited;
import io.tenet.topology.realization.Realization;
import io.tenet.topology.validation.TenantValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** What every resource's routes share: JSON bodies in and out, errors, idempotent create ids. */
abstract class RouteSupport extends AllDirectives {
  static final long MAX_BODY_BYTES = 1024 * 1024;
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  static HttpResponse json(StatusCode status, Object body) {
    try {
      return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, ApiJson.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response body could not be written as JSON", e);
    }
  }

  static HttpResponse error(StatusCode status, String code, String message, String field) {
    return json(status, ApiError.of(code, message, field));
  }

  static HttpResponse problem(Problem problem) {
    return json(ProblemStatus.of(problem.kind()), ApiError.of(problem));
  }

  /** Reads the body as {@code type}, answering 413, 400 or 422 itself when it cannot. */
  <T> Route body(Class<T> type, Function<T, Route> inner) {
    return extractRequestEntity(entity -> {
      if (entity.getContentLengthOption().isPresent() && entity.getContentLengthOption().getAsLong() > MAX_BODY_BYTES) {
        // Read the rest before answering: a connection closed while the client still writes
        // resets it, and the client then sees a broken connection instead of the 413.
        return extractMaterializer(materializer ->
            onComplete(entity.discardBytes(materializer).completionStage(), drained -> complete(tooLarge())));
      }
      return withSizeLimit(MAX_BODY_BYTES, () -> entity(Unmarshaller.entityToString(), text -> {
        if (text.isBlank()) return complete(error(StatusCodes.BAD_REQUEST, "malformed_json", "the request needs a JSON object body", null));
        try {
          T value = ApiJson.MAPPER.readValue(text, type);
          if (value == null) return complete(error(StatusCodes.BAD_REQUEST, "malformed_json", "the request body must be a JSON object, not null", null));
          return inner.apply(value);
        } catch (UnrecognizedPropertyException unknown) {
          String field = path(unknown);
          return complete(error(StatusCodes.BAD_REQUEST, "unknown_field", "unknown field '" + field + "'", field));
        } catch (JsonParseException malformed) {
          return complete(error(StatusCodes.BAD_REQUEST, "malformed_json", "the body is not valid JSON: " + malformed.getOriginalMessage(), null));
        } catch (JsonMappingException wrongType) {
          String field = path(wrongType);
          return complete(error(StatusCodes.UNPROCESSABLE_ENTITY, "invalid_value",
              field.isEmpty() ? "the body must be a JSON object of the documented shape" : "'" + field + "' has the wrong type", field.isEmpty() ? null : field));
        } catch (JsonProcessingException other) {
          return complete(error(StatusCodes.BAD_REQUEST, "malformed_json", "the body is not valid JSON", null));
        }
      }));
    });
  }

  static HttpResponse tooLarge() {
    return error(StatusCodes.PAYLOAD_TOO_LARGE, "body_too_large", "the request body is larger than " + MAX_BODY_BYTES + " bytes", null);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  <T> Route respond(CompletionStage<Outcome<T>> stage, StatusCode okStatus) {
    return onSuccess(stage, outcome -> complete(outcome instanceof Outcome.Ok<T> ok ? json(okStatus, ok.value()) : problem(((Outcome.Rejected<T>) outcome).problem())));
  }

  /** {@code PUT .../tags} with {@code {"tags": [...]}}: the object's tags become exactly those; answers the object. */
  <T> Route tags(Function<TagChange, CompletionStage<Outcome<T>>> change) {
    return path("tags", () -> put(() -> body(TagsRequest.class, request -> respond(change.apply(new TagChange.Replace(request.tags())), StatusCodes.OK))));
  }

  <T> Route respondList(CompletionStage<Outcome<java.util.List<T>>> stage, String key, Function<java.util.List<T>, java.util.List<T>> filter) {
    return onSuccess(stage, outcome -> complete(outcome instanceof Outcome.Ok<java.util.List<T>> ok
        ? json(StatusCodes.OK, java.util.Map.of(key, filter.apply(ok.value())))
        : problem(((Outcome.Rejected<java.util.List<T>>) outcome).problem())));
  }

  <T> Route respondDeleted(CompletionStage<Outcome<T>> stage) {
    return onSuccess(stage, outcome -> complete(outcome instanceof Outcome.Ok<T> ? deleted()
        : problem(((Outcome.Rejected<T>) outcome).problem())));
  }

  <T> Route respondCreated(CompletionStage<Outcome<T>> stage, Function<T, String> location) {
    return onSuccess(stage, outcome -> {
      if (outcome instanceof Outcome.Ok<T> ok) return complete(created(ok.value(), location));
      return complete(problem(((Outcome.Rejected<T>) outcome).problem()));
    });
  }

  static <T> HttpResponse created(T value, Function<T, String> location) {
    return json(StatusCodes.CREATED, value).addHeader(Location.create(location.apply(value)));
  }

  static HttpResponse deleted() {
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
  }

  /** The query parameter {@code name} as a moment (see {@link TimeParameter}); 422 when it is not one. */
  Route moment(String name, Function<Optional<Instant>, Route> inner) {
    return parameterOptional(name, value -> {
      if (value.isEmpty()) return inner.apply(Optional.empty());
      Outcome<Instant> parsed = TimeParameter.parse(name, value.get(), Instant.now());
      if (parsed instanceof Outcome.Rejected<Instant> refused) return complete(problem(refused.problem()));
      return inner.apply(Optional.of(((Outcome.Ok<Instant>) parsed).value()));
    });
  }

  /** Reads {@code ?wait=realized&timeout=...} (see {@link RealizationWaitParameters}), answering 422 itself when they are wrong. */
  Route realizationWait(Function<Optional<Duration>, Route> inner) {
    return parameterOptional("wait", wait -> parameterOptional("timeout", timeout -> {
      Outcome<Optional<Duration>> parsed = RealizationWaitParameters.parse(wait, timeout);
      if (parsed instanceof Outcome.Rejected<Optional<Duration>> refused) return complete(problem(refused.problem()));
      return inner.apply(((Outcome.Ok<Optional<Duration>>) parsed).value());
    }));
  }

  /** {@code success} once realized; 504 {@code not_realized} listing the datapaths still missing when the wait ran out. */
  <T> Route respondRealized(CompletionStage<Outcome<Awaited<T>>> stage, Function<T, HttpResponse> success) {
    return onSuccess(stage, outcome -> {
      if (outcome instanceof Outcome.Rejected<Awaited<T>> refused) return complete(problem(refused.problem()));
      Awaited<T> awaited = ((Outcome.Ok<Awaited<T>>) outcome).value();
      if (awaited.realized()) return complete(success.apply(awaited.value()));
      Realization realization = awaited.realization();
      String why = realization == null ? "its network could not tell (it is restarting or recovering)" : realization.reason();
      Problem late = Problem.of(ProblemCode.NOT_REALIZED, "the change is saved, but the data plane has not realized it in time: " + why);
      return complete(json(ProblemStatus.of(late.kind()), ApiError.notRealized(late, realization == null ? List.of() : realization.missing())));
    });
  }

  /**
   * The id of a new object: the client's own (checked), else derived from the caller and its
   * Idempotency-Key so a retry names the same object, else a fresh random one.
   */
  Route newId(Caller caller, String kind, String clientId, Function<String, Route> inner) {
    if (clientId != null) {
      Outcome<String> valid = TenantValidation.id("id", clientId);
      if (valid instanceof Outcome.Rejected<String> rejected) return complete(problem(rejected.problem()));
      return inner.apply(clientId);
    }
    return optionalHeaderValueByName(IDEMPOTENCY_KEY, key -> inner.apply(idFor(caller, kind, key)));
  }

  static String idFor(Caller caller, String kind, Optional<String> key) {
    return key.filter(k -> !k.isBlank())
        .map(k -> Ids.derived(caller.admin() ? "admin" : caller.tenantId(), kind, k))
        .orElseGet(Ids::random);
  }
}
