package io.tenet.persistence.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fragment from {@link SharedCassandra#pekkoConfig()} is enough for a real journal round trip. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharedCassandraIT {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60); // first write creates keyspaces and tables

    @Test
    void pekkoPersistenceCassandraWritesAndRecoversThroughTheSharedInstance() throws Exception {
        long begin = System.nanoTime();
        assertSame(SharedCassandra.instance(), SharedCassandra.instance());
        System.out.printf("[SharedCassandraIT] shared Cassandra at %s:%d ready after %d ms%n", SharedCassandra.host(),
                SharedCassandra.cqlPort(), (System.nanoTime() - begin) / 1_000_000);
        Config config = SharedCassandra.pekkoConfig()
                .withFallback(ConfigFactory.parseString("""
                        pekko.persistence.journal.plugin = "pekko.persistence.cassandra.journal"
                        pekko.persistence.snapshot-store.plugin = "pekko.persistence.cassandra.snapshot"
                        pekko.loglevel = WARNING
                        """))
                .withFallback(ConfigFactory.load());

        ActorSystem<Log.Command> first = ActorSystem.create(Behaviors.setup(ctx -> new Log("it-1")), "first", config);
        try {
            long writeBegin = System.nanoTime();
            ask(first, (ActorRef<Done> replyTo) -> new Log.Append("a", replyTo));
            System.out.printf("[SharedCassandraIT] first persist (creates keyspaces/tables): %d ms%n",
                    (System.nanoTime() - writeBegin) / 1_000_000);
            ask(first, (ActorRef<Done> replyTo) -> new Log.Append("b", replyTo));
        } finally {
            terminate(first);
        }

        ActorSystem<Log.Command> second = ActorSystem.create(Behaviors.setup(ctx -> new Log("it-1")), "second", config);
        try {
            List<String> recovered = ask(second, Log.Read::new);
            assertEquals(List.of("a", "b"), recovered);
        } finally {
            terminate(second);
        }
    }

    private static <T> T ask(ActorSystem<Log.Command> system,
            org.apache.pekko.japi.function.Function<ActorRef<T>, Log.Command> message) throws Exception {
        return AskPattern.ask(system, message, ASK_TIMEOUT, system.scheduler()).toCompletableFuture()
                .get(ASK_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    private static void terminate(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** An append-only list of strings; String events need no serializer setup. */
    static final class Log extends EventSourcedBehavior<Log.Command, String, List<String>> {

        interface Command {
        }

        record Append(String item, ActorRef<Done> replyTo) implements Command {
        }

        record Read(ActorRef<List<String>> replyTo) implements Command {
        }

        Log(String id) {
            super(PersistenceId.ofUniqueId(id));
        }

        @Override
        public List<String> emptyState() {
            return List.of();
        }

        @Override
        public CommandHandler<Command, String, List<String>> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Append.class, (state, cmd) -> Effect().persist(cmd.item())
                            .thenReply(cmd.replyTo(), s -> Done.getInstance()))
                    .onCommand(Read.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
                    .build();
        }

        @Override
        public EventHandler<List<String>, String> eventHandler() {
            return newEventHandlerBuilder().forAnyState()
                    .onEvent(String.class, (state, item) -> {
                        List<String> next = new ArrayList<>(state);
                        next.add(item);
                        return List.copyOf(next);
                    })
                    .build();
        }
    }
}
