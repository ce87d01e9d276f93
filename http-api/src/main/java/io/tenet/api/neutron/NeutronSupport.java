package io.tenet.api.neutron;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.model.Problem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** What the Neutron routes share: JSON in Neutron's shapes, its errors, list queries. */
abstract class NeutronSupport extends AllDirectives {
  static final long MAX_BODY_BYTES = 1024 * 1024;
  static final ObjectMapper JSON = JsonMapper.builder().build();

  static HttpResponse json(int status, Object body) {
    try {
      return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response body could not be written as JSON", e);
    }
  }

  static HttpResponse error(NeutronError error) {
    return json(error.status(), error.body());
  }

  static HttpResponse noContent() {
    return HttpResponse.create().withStatus(StatusCodes.NO_CONTENT);
  }

  /** The request's JSON body; a body that is not JSON is refused as Neutron does. */
  Route body(Function<JsonNode, Route> inner) {
    return withSizeLimit(MAX_BODY_BYTES, () -> entity(Unmarshaller.entityToString(), text -> {
      if (text.isBlank()) return complete(error(NeutronError.badRequest("Resource body required")));
      try {
        return inner.apply(JSON.readTree(text));
      } catch (JsonProcessingException malformed) {
        return complete(error(NeutronError.badRequest("Malformed request body: " + malformed.getOriginalMessage())));
      }
    }));
  }

  /** The list query of the request, and the collection's own address (for the links to other pages). */
  Route listQuery(ListRoute inner) {
    return parameterList(parameters -> extractUri(uri -> {
      NeutronQuery.Result parsed = NeutronQuery.parse(parameters);
      if (parsed instanceof NeutronQuery.Refused refused) return complete(error(refused.error()));
      String url = uri.toString();
      int query = url.indexOf('?');
      return inner.apply(((NeutronQuery.Parsed) parsed).query(), query < 0 ? url : url.substring(0, query));
    }));
  }

  /** A list route: the parsed query and the collection's address. */
  @FunctionalInterface
  interface ListRoute {
    Route apply(NeutronQuery query, String url);
  }

  /** A page of {@code items} under {@code collection}, or the refusal of the query. */
  static HttpResponse page(NeutronQuery query, List<ObjectNode> items, String collection, String url) {
    NeutronQuery.Result page = query.page(items, collection, url);
    if (page instanceof NeutronQuery.Refused refused) return error(refused.error());
    return json(200, ((NeutronQuery.Page) page).body());
  }

  /** The outcome of a service call: {@code ok} with its value, or the refusal in Neutron's words. */
  <T> Route answer(CompletionStage<Outcome<T>> stage, Function<T, HttpResponse> ok, Function<Problem, NeutronError> refused) {
    return onSuccess(stage, outcome -> complete(outcome instanceof Outcome.Ok<T> done ? ok.apply(done.value())
        : error(refused.apply(((Outcome.Rejected<T>) outcome).problem()))));
  }

  /** The outcome's value handed on to {@code next}, or the refusal in Neutron's words. */
  <T> Route then(CompletionStage<Outcome<T>> stage, Function<T, Route> next, Function<Problem, NeutronError> refused) {
    return onSuccess(stage, outcome -> outcome instanceof Outcome.Ok<T> done ? next.apply(done.value())
        : complete(error(refused.apply(((Outcome.Rejected<T>) outcome).problem()))));
  }

  static Map<String, Object> wrapped(String resource, Object value) {
    return Map.of(resource, value);
  }
}
