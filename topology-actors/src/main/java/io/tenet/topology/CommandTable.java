package io.tenet.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The command handlers of an event-sourced entity type, by state type and command type, built
 * once for the type. Pekko's builder is called once per entity and made every entity hold its own
 * table of cases and lambdas: about 2.5 KiB of heap per port (bench fleet), for a table that is
 * the same for all of them. Here each entity holds one small function that looks its command up.
 *
 * <p>Rows match in the order they were added, the first match wins, as with Pekko's builder: a
 * state's {@code onAny} row goes last.
 *
 * @param <E> the entity (its handlers are its methods, or lambdas taking it)
 */
public final class CommandTable<E, C, S, V> {
  /** One command's handling in one state type, given the entity it runs in; R is the entity's reply effect. */
  @FunctionalInterface
  public interface Handler<E, T, X, R> {
    R apply(E entity, T state, X command);
  }

  private record Row<E, C, S, V>(Class<?> stateType, Class<?> commandType, Handler<E, S, C, ReplyEffect<V, S>> handler) {}

  private final List<Row<E, C, S, V>> rows;
  // the row each (state type, command type) pair found, so a lookup after the first is two hash probes
  private final Map<Class<?>, Map<Class<?>, Row<E, C, S, V>>> found = new ConcurrentHashMap<>();

  private CommandTable(List<Row<E, C, S, V>> rows) {
    this.rows = List.copyOf(rows);
  }

  public static <E, C, S, V> Builder<E, C, S, V> builder() {
    return new Builder<>();
  }

  /** The command handler of one entity: one object per entity, whatever the size of the table. */
  public CommandHandlerWithReply<C, V, S> handlerOf(E entity) {
    return (state, command) -> handle(entity, state, command);
  }

  private ReplyEffect<V, S> handle(E entity, S state, C command) {
    Row<E, C, S, V> row = found.computeIfAbsent(state.getClass(), type -> new ConcurrentHashMap<>())
        .computeIfAbsent(command.getClass(), type -> firstMatch(state, command));
    return row.handler().apply(entity, state, command);
  }

  private Row<E, C, S, V> firstMatch(S state, C command) {
    for (Row<E, C, S, V> row : rows) {
      if (row.stateType().isInstance(state) && row.commandType().isInstance(command)) return row;
    }
    throw new IllegalStateException("no handler for " + command.getClass().getSimpleName() + " in state " + state.getClass().getSimpleName());
  }

  /** Collects rows state type by state type. */
  public static final class Builder<E, C, S, V> {
    private final List<Row<E, C, S, V>> rows = new ArrayList<>();

    public <T extends S> ForState<T> forState(Class<T> stateType) {
      return new ForState<>(stateType);
    }

    public CommandTable<E, C, S, V> build() {
      return new CommandTable<>(rows);
    }

    /** The rows of one state type. */
    public final class ForState<T extends S> {
      private final Class<T> stateType;

      private ForState(Class<T> stateType) {
        this.stateType = stateType;
      }

      @SuppressWarnings("unchecked")
      public <X extends C> ForState<T> on(Class<X> commandType, Handler<E, T, X, ReplyEffect<V, S>> handler) {
        rows.add(new Row<>(stateType, commandType, (entity, state, command) -> handler.apply(entity, (T) state, (X) command)));
        return this;
      }

      /** Every command no row before this one took, in this state. */
      @SuppressWarnings("unchecked")
      public ForState<T> onAny(Handler<E, T, C, ReplyEffect<V, S>> handler) {
        rows.add(new Row<>(stateType, Object.class, (entity, state, command) -> handler.apply(entity, (T) state, command)));
        return this;
      }
    }
  }
}
