package io.tenet.api;

import io.tenet.topology.Caller;
import io.tenet.topology.history.Change;
import io.tenet.topology.model.Outcome;
import io.tenet.topology.service.HistoryService;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /v1/events}: the history of one object ({@code ?object=<id>}) or, without it,
 * of everything the caller may see, optionally {@code ?since=} a moment; oldest first.
 */
final class HistoryRoutes extends RouteSupport {
  private final HistoryService history;

  HistoryRoutes(HistoryService history) {
    this.history = history;
  }

  Route route(Caller caller) {
    return path("events", () -> get(() -> parameterOptional("object", object -> moment("since", since -> {
      CompletionStage<Outcome<List<Change>>> changes = object.isPresent() ? history.of(caller, object.get(), since.orElse(null))
          : history.since(caller, since.orElse(null));
      return respondList(changes, "events", all -> all);
    }))));
  }
}
