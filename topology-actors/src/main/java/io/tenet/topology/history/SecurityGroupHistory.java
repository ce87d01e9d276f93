package io.tenet.topology.history;

import io.tenet.topology.model.Origin;
import io.tenet.topology.model.SecurityGroupView;
import io.tenet.topology.secgroup.SecurityGroupEntity;
import io.tenet.topology.secgroup.SecurityGroupEntity.SecurityGroupCreated;
import io.tenet.topology.secgroup.SecurityGroupEntity.SecurityGroupDeleted;
import io.tenet.topology.secgroup.SecurityGroupEntity.SecurityGroupUpdated;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.persistence.typed.PersistenceId;

/** A security group's history, replayed through {@link SecurityGroupEntity#evolve}. Pure. */
public final class SecurityGroupHistory {
  public static final String KIND = "security_group";
  private static final JournalReplay<SecurityGroupEntity.State> REPLAY = new JournalReplay<>(KIND, SecurityGroupEntity.initialState(),
      (state, event, sequenceNr) -> SecurityGroupEntity.evolve(state, (SecurityGroupEntity.Event) event), SecurityGroupEntity.State::view,
      (before, event) -> originOf(event), (before, event) -> summary(event));

  private SecurityGroupHistory() {}

  public static String persistenceId(String groupId) {
    return PersistenceId.of(SecurityGroupEntity.ENTITY_KEY.name(), groupId).id();
  }

  public static List<Change> changes(String groupId, List<JournalEntry> journal) {
    return REPLAY.changes(groupId, journal);
  }

  public static SecurityGroupView at(List<JournalEntry> journal, Instant at) {
    return REPLAY.stateAt(journal, at).view();
  }

  public static String tenantOf(List<JournalEntry> journal) {
    return journal.stream().map(JournalEntry::event).filter(SecurityGroupCreated.class::isInstance).map(e -> ((SecurityGroupCreated) e).tenantId())
        .findFirst().orElse(null);
  }

  static Origin originOf(Object event) {
    if (event instanceof SecurityGroupCreated e) return e.origin();
    if (event instanceof SecurityGroupUpdated e) return e.origin();
    if (event instanceof SecurityGroupDeleted e) return e.origin();
    if (event instanceof SecurityGroupEntity.TagsSet e) return e.origin();
    return null;
  }

  static String summary(Object event) {
    if (event instanceof SecurityGroupCreated e) return "security group " + e.spec().name() + " created with " + e.spec().rules().size() + " rule(s)";
    if (event instanceof SecurityGroupUpdated e) return "security group changed; " + e.spec().rules().size() + " rule(s)";
    if (event instanceof SecurityGroupDeleted) return "security group deleted";
    if (event instanceof SecurityGroupEntity.TagsSet e) return "tagged " + e.tags();
    return EventNames.generic(event);
  }
}
