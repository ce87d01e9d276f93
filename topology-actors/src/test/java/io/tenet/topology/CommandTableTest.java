package io.tenet.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.junit.jupiter.api.Test;

class CommandTableTest {
  sealed interface Command permits Ping, Pong, Other {}

  record Ping() implements Command {}

  record Pong() implements Command {}

  record Other() implements Command {}

  sealed interface State permits Idle, Busy {}

  record Idle() implements State {}

  record Busy() implements State {}

  /** An entity that writes down which row took each command. */
  static final class Recorder extends EventSourcedBehaviorWithEnforcedReplies<Command, String, State> {
    final List<String> ran = new ArrayList<>();
    private final CommandTable<Recorder, Command, State, String> table;

    Recorder(CommandTable<Recorder, Command, State, String> table) {
      super(PersistenceId.ofUniqueId("recorder"));
      this.table = table;
    }

    ReplyEffect<String, State> ran(String row) {
      ran.add(row);
      return Effect().noReply();
    }

    @Override
    public State emptyState() {
      return new Idle();
    }

    @Override
    public CommandHandlerWithReply<Command, String, State> commandHandler() {
      return table.handlerOf(this);
    }

    @Override
    public EventHandler<State, String> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> state);
    }
  }

  static CommandTable<Recorder, Command, State, String> table() {
    CommandTable.Builder<Recorder, Command, State, String> table = CommandTable.builder();
    table.forState(Idle.class)
        .on(Ping.class, (recorder, state, ping) -> recorder.ran("idle ping"))
        .on(Ping.class, (recorder, state, ping) -> recorder.ran("shadowed"))
        .onAny((recorder, state, command) -> recorder.ran("idle any " + command.getClass().getSimpleName()));
    table.forState(Busy.class)
        .on(Pong.class, (recorder, state, pong) -> recorder.ran("busy pong"));
    return table.build();
  }

  @Test
  void theFirstRowOfTheStateTypeThatTakesTheCommandRuns() {
    Recorder recorder = new Recorder(table());
    CommandHandlerWithReply<Command, String, State> handler = recorder.commandHandler();
    handler.apply(new Idle(), new Ping());
    handler.apply(new Idle(), new Pong());
    handler.apply(new Busy(), new Pong());
    handler.apply(new Idle(), new Ping()); // a second time: the row found the first time
    handler.apply(new Idle(), new Other());
    assertEquals(List.of("idle ping", "idle any Pong", "busy pong", "idle ping", "idle any Other"), recorder.ran);
  }

  @Test
  void aCommandNoRowTakesIsRefusedLoudly() {
    Recorder recorder = new Recorder(table());
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> recorder.commandHandler().apply(new Busy(), new Ping()));
    assertEquals("no handler for Ping in state Busy", refused.getMessage());
  }

  @Test
  void oneTableServesEveryEntityWithItsOwnEntity() {
    CommandTable<Recorder, Command, State, String> shared = table();
    Recorder one = new Recorder(shared);
    Recorder two = new Recorder(shared);
    one.commandHandler().apply(new Idle(), new Ping());
    two.commandHandler().apply(new Busy(), new Pong());
    assertEquals(List.of("idle ping"), one.ran);
    assertEquals(List.of("busy pong"), two.ran);
  }
}
