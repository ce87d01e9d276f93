package io.tenet.topology.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinorityStepDownTest {
  private static MemberFacts member(String address, String status, boolean reachable) {
    return new MemberFacts(address, status, Set.of(), reachable);
  }

  private static final MemberFacts SELF = member("a:1", "Up", true);

  @Test
  void aNodeCutOffFromBothOthersOfThreeIsOnTheMinoritySide() {
    assertTrue(MinorityStepDown.onMinoritySide(SELF, List.of(SELF, member("b:1", "Up", false), member("c:1", "Up", false))));
  }

  @Test
  void aSurvivorOfOneLostNodeOfThreeIsNot() {
    assertFalse(MinorityStepDown.onMinoritySide(SELF, List.of(SELF, member("b:1", "Up", true), member("c:1", "Up", false))));
  }

  @Test
  void anEvenSplitIsLeftToTheResolver() {
    assertFalse(MinorityStepDown.onMinoritySide(SELF, List.of(SELF, member("b:1", "Up", false))));
    assertFalse(MinorityStepDown.onMinoritySide(SELF,
        List.of(SELF, member("b:1", "Up", true), member("c:1", "Up", false), member("d:1", "Up", false))));
  }

  @Test
  void twoOfFiveStepDownOnceTheThirdIsSeenUnreachable() {
    MemberFacts peer = member("b:1", "Up", true);
    assertFalse(MinorityStepDown.onMinoritySide(SELF,
        List.of(SELF, peer, member("c:1", "Up", false), member("d:1", "Up", false), member("e:1", "Up", true))));
    assertTrue(MinorityStepDown.onMinoritySide(SELF,
        List.of(SELF, peer, member("c:1", "Up", false), member("d:1", "Up", false), member("e:1", "Up", false))));
  }

  @Test
  void onlyUpAndLeavingMembersCountAsTheResolverCountsThem() {
    // a joining node and a downed one are not part of the majority either side must have
    assertFalse(MinorityStepDown.onMinoritySide(SELF,
        List.of(SELF, member("b:1", "Up", true), member("c:1", "Joining", false), member("d:1", "Down", false), member("e:1", "Up", false))));
    assertTrue(MinorityStepDown.onMinoritySide(SELF, List.of(SELF, member("b:1", "Leaving", false), member("c:1", "Up", false))));
  }

  @Test
  void aNodeNotYetUpNeverStepsDown() {
    MemberFacts joining = member("a:1", "Joining", true);
    assertFalse(MinorityStepDown.onMinoritySide(joining, List.of(joining, member("b:1", "Up", false), member("c:1", "Up", false))));
  }

  @Test
  void appliesOnlyWhenTheResolverKeepsTheMajority() {
    String sbr = "pekko.cluster.downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"\n";
    assertTrue(MinorityStepDown.appliesTo(ConfigFactory.parseString(sbr + "pekko.cluster.split-brain-resolver.active-strategy = keep-majority")));
    assertFalse(MinorityStepDown.appliesTo(ConfigFactory.parseString(sbr + "pekko.cluster.split-brain-resolver.active-strategy = keep-oldest")));
    assertFalse(MinorityStepDown.appliesTo(ConfigFactory.parseString(
        "pekko.cluster.downing-provider-class = \"\"\npekko.cluster.split-brain-resolver.active-strategy = keep-majority")));
  }
}
