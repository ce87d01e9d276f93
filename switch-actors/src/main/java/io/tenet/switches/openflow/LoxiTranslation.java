package io.tenet.switches.openflow;

import io.tenet.switches.flow.Action;
import io.tenet.switches.flow.ConntrackState;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import io.tenet.switches.flow.MatchField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Code;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFMetadata;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;

/**
 * Desired flows and groups ({@link FlowEntry}, {@link GroupEntry}, values in ovs-ofctl text) to
 * Loxi OpenFlow 1.3 messages. Pure: the caller sets xids. Anything it cannot translate exactly
 * is refused with {@link UnsupportedFlowException} rather than approximated, so a switch never
 * gets a flow that differs from the golden dump.
 */
public final class LoxiTranslation {
  private LoxiTranslation() {}

  public static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
  /** OFPCML_NO_BUFFER: the whole packet goes to the controller (ovs-ofctl prints CONTROLLER:65535). */
  static final int CONTROLLER_MAX_LEN = 0xffff;

  /** Our field, Loxi's field and how to read the ovs-ofctl text of one value. */
  private record Field<F extends OFValueType<F>>(org.projectfloodlight.openflow.protocol.match.MatchField<F> loxi, Function<String, F> parse) {
    void match(Match.Builder builder, String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        builder.setExact(loxi, parse.apply(text));
      } else {
        builder.setMasked(loxi, parse.apply(text.substring(0, slash)), parse.apply(text.substring(slash + 1)));
      }
    }

    OFOxm<F> oxm(String text) {
      if (text.contains("/")) throw new UnsupportedFlowException("set_field takes no mask: " + text);
      return OF13.oxms().fromValue(parse.apply(text), loxi);
    }
  }

  /** An IPv4 value; as a mask it may also be a prefix length ("10.0.0.0/24"). */
  private static IPv4Address ipv4(String text) {
    return text.contains(".") ? IPv4Address.of(text) : IPv4Address.ofCidrMaskLength(Integer.parseInt(text));
  }

  private static long number(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
  }

  private static final Map<MatchField, Field<?>> FIELDS = Map.ofEntries(
      Map.entry(MatchField.IN_PORT, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.IN_PORT, t -> OFPort.of((int) number(t)))),
      Map.entry(MatchField.TUN_ID, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.TUNNEL_ID, t -> U64.of(number(t)))),
      Map.entry(MatchField.TUN_DST, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.TUNNEL_IPV4_DST, LoxiTranslation::ipv4)),
      Map.entry(MatchField.VLAN_VID, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.VLAN_VID, t -> OFVlanVidMatch.ofRawVid((short) number(t)))),
      Map.entry(MatchField.METADATA, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.METADATA, t -> OFMetadata.of(U64.of(number(t))))),
      Map.entry(MatchField.ETH_SRC, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ETH_SRC, MacAddress::of)),
      Map.entry(MatchField.ETH_DST, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ETH_DST, MacAddress::of)),
      Map.entry(MatchField.ETH_TYPE, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ETH_TYPE, t -> EthType.of((int) number(t)))),
      Map.entry(MatchField.ARP_OP, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ARP_OP, t -> ArpOpcode.of((int) number(t)))),
      Map.entry(MatchField.ARP_SPA, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ARP_SPA, LoxiTranslation::ipv4)),
      Map.entry(MatchField.ARP_TPA, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ARP_TPA, LoxiTranslation::ipv4)),
      Map.entry(MatchField.ARP_SHA, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ARP_SHA, MacAddress::of)),
      Map.entry(MatchField.ARP_THA, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ARP_THA, MacAddress::of)),
      Map.entry(MatchField.IPV4_SRC, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.IPV4_SRC, LoxiTranslation::ipv4)),
      Map.entry(MatchField.IPV4_DST, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.IPV4_DST, LoxiTranslation::ipv4)),
      Map.entry(MatchField.IP_PROTO, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.IP_PROTO, t -> IpProtocol.of((short) number(t)))),
      Map.entry(MatchField.ICMP_TYPE, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ICMPV4_TYPE, t -> ICMPv4Type.of((short) number(t)))),
      Map.entry(MatchField.ICMP_CODE, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.ICMPV4_CODE, t -> ICMPv4Code.of((short) number(t)))),
      Map.entry(MatchField.CT_MARK, new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.CONN_TRACKING_MARK, t -> U32.of(number(t)))));

  /** tp_src/tp_dst are TCP or UDP ports: ovs-ofctl picks the protocol from nw_proto, OpenFlow 1.3 needs the field itself. */
  private static final Field<TransportPort> UDP_SRC = new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.UDP_SRC, t -> TransportPort.of((int) number(t)));
  private static final Field<TransportPort> UDP_DST = new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.UDP_DST, t -> TransportPort.of((int) number(t)));
  private static final Field<TransportPort> TCP_SRC = new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.TCP_SRC, t -> TransportPort.of((int) number(t)));
  private static final Field<TransportPort> TCP_DST = new Field<>(org.projectfloodlight.openflow.protocol.match.MatchField.TCP_DST, t -> TransportPort.of((int) number(t)));

  public static OFFlowAdd flowAdd(FlowEntry flow, long xid) {
    return OF13.buildFlowAdd()
        .setXid(xid)
        .setTableId(TableId.of(flow.table().id()))
        .setPriority(flow.priority())
        .setCookie(U64.of(flow.cookie().value()))
        .setBufferId(OFBufferId.NO_BUFFER)
        .setMatch(match(flow))
        .setInstructions(instructions(flow))
        .build();
  }

  public static OFGroupAdd groupAdd(GroupEntry group, long xid) {
    // OpenFlow 1.3 groups have no cookie: ownership of groups is their id (2*VNI, 2*VNI+1 for flooding; a router's from its id)
    OFGroupType type = switch (group.type()) {
      case ALL -> OFGroupType.ALL;
      case INDIRECT -> OFGroupType.INDIRECT;
      case FAST_FAILOVER -> OFGroupType.FF;
    };
    return OF13.buildGroupAdd().setXid(xid).setGroup(OFGroup.of((int) group.groupId())).setGroupType(type).setBuckets(buckets(group)).build();
  }

  public static List<OFBucket> buckets(GroupEntry group) {
    List<OFBucket> buckets = new ArrayList<>();
    for (GroupEntry.Bucket bucket : group.buckets()) {
      List<OFAction> actions = new ArrayList<>();
      for (Action action : bucket.actions()) actions.add(action(action, () -> "group " + group.groupId()));
      OFPort watchPort = bucket.watchPort() == null ? OFPort.ANY : OFPort.of((int) (long) bucket.watchPort());
      // OVS takes no fast-failover bucket that watches nothing: an always-live one watches the always-live group
      boolean watchesGroup = group.type() == GroupEntry.Type.FAST_FAILOVER && bucket.watchPort() == null;
      OFGroup watchGroup = watchesGroup ? OFGroup.of((int) GroupEntry.ALWAYS_LIVE) : OFGroup.ANY;
      buckets.add(OF13.buildBucket().setActions(actions).setWatchGroup(watchGroup).setWatchPort(watchPort).build());
    }
    return buckets;
  }

  public static Match match(FlowEntry flow) {
    Match.Builder builder = OF13.buildMatch();
    for (Map.Entry<MatchField, String> entry : flow.match().fields().entrySet()) {
      if (entry.getKey() == MatchField.CONJ_ID) continue; // Loxi has no such field: wrapped below
      if (entry.getKey() == MatchField.CT_STATE) {
        // written as flags ("+trk+est"); always a masked match on the wire
        ConntrackState state = ConntrackState.parse(entry.getValue());
        builder.setMasked(org.projectfloodlight.openflow.protocol.match.MatchField.CONN_TRACKING_STATE, U32.of(state.value()), U32.of(state.mask()));
        continue;
      }
      Field<?> field = fieldFor(entry.getKey(), flow.match().fields().get(MatchField.IP_PROTO), flow::ofctl);
      field.match(builder, entry.getValue());
    }
    String conjunctionId = flow.match().fields().get(MatchField.CONJ_ID);
    return conjunctionId == null ? builder.build() : new ConjunctionMatch(builder.build(), number(conjunctionId));
  }

  /** {@code context} names the flow in an error; only then is its text made (it costs more than the translation). */
  private static Field<?> fieldFor(MatchField field, String ipProto, Supplier<String> context) {
    if (field == MatchField.UDP_SRC || field == MatchField.UDP_DST) {
      long protocol = ipProto == null ? -1 : number(ipProto);
      if (protocol == 6) return field == MatchField.UDP_SRC ? TCP_SRC : TCP_DST;
      if (protocol == 17) return field == MatchField.UDP_SRC ? UDP_SRC : UDP_DST;
      throw new UnsupportedFlowException("tp_src/tp_dst only with nw_proto=6 (TCP) or 17 (UDP): " + context.get());
    }
    Field<?> known = FIELDS.get(field);
    if (known == null) throw new UnsupportedFlowException("no OpenFlow 1.3 field for " + field.ofctlName() + ": " + context.get());
    return known;
  }

  /** apply-actions, write-metadata, goto-table: the order OpenFlow 1.3 executes them in. */
  public static List<OFInstruction> instructions(FlowEntry flow) {
    List<OFAction> apply = new ArrayList<>();
    OFInstruction writeMetadata = null;
    OFInstruction gotoTable = null;
    for (Action action : flow.actions()) {
      if (action instanceof Action.WriteMetadata write) {
        writeMetadata = OF13.instructions().writeMetadata(U64.of(write.value()), U64.of(write.mask()));
      } else if (action instanceof Action.GotoTable go) {
        gotoTable = OF13.instructions().gotoTable(TableId.of(go.table().id()));
      } else {
        apply.add(action(action, flow::ofctl));
      }
    }
    List<OFInstruction> instructions = new ArrayList<>();
    if (!apply.isEmpty()) instructions.add(OF13.instructions().applyActions(apply));
    if (writeMetadata != null) instructions.add(writeMetadata);
    if (gotoTable != null) instructions.add(gotoTable);
    return instructions;
  }

  static OFAction action(Action action, Supplier<String> context) {
    if (action instanceof Action.Output output) return OF13.actions().output(OFPort.of((int) output.port()), 0);
    if (action instanceof Action.OutputInPort) return OF13.actions().output(OFPort.IN_PORT, 0);
    if (action instanceof Action.ToController) return OF13.actions().output(OFPort.CONTROLLER, CONTROLLER_MAX_LEN);
    if (action instanceof Action.Group group) return OF13.actions().group(OFGroup.of((int) group.groupId()));
    if (action instanceof Action.Resubmit resubmit) return new NxResubmit(resubmit.table().id());
    if (action instanceof Action.DecTtl) return OF13.actions().decNwTtl();
    if (action instanceof Action.PushVlan) return OF13.actions().pushVlan(EthType.VLAN_FRAME);
    if (action instanceof Action.PopVlan) return OF13.actions().popVlan();
    if (action instanceof Action.Conntrack ct) return new NxConntrack(ct.commit(), ct.zone(), ct.table() == null ? NxConntrack.NO_RECIRCULATION : ct.table().id());
    if (action instanceof Action.ConntrackNat ct) {
      return new NxConntrack(ct.commit(), ct.zone(), ct.table() == null ? NxConntrack.NO_RECIRCULATION : ct.table().id(), NxConntrack.NO_MARK, natOf(ct));
    }
    if (action instanceof Action.ConntrackMark mark) return new NxConntrack(true, mark.zone(), NxConntrack.NO_RECIRCULATION, mark.mark());
    if (action instanceof Action.Conjunction conjunction) return new NxConjunction(conjunction.id(), conjunction.clause(), conjunction.clauses());
    if (action instanceof Action.SetField set) {
      if (set.field() == MatchField.UDP_SRC || set.field() == MatchField.UDP_DST) {
        throw new UnsupportedFlowException("set_field of tp_src/tp_dst needs the protocol; not supported: " + context.get());
      }
      return OF13.actions().setField(fieldFor(set.field(), null, context).oxm(set.value()));
    }
    if (action instanceof Action.Move move) return NxRegMove.wholeField(move.from(), move.to());
    // WriteMetadata and GotoTable are instructions, not actions (allowed in flows, not in group buckets)
    throw new UnsupportedFlowException(action.ofctl() + " is not an action here: " + context.get());
  }

  private static NxNat natOf(Action.ConntrackNat ct) {
    return switch (ct.rewrite()) {
      case SOURCE -> NxNat.source(IPv4Address.of(ct.address()).getInt());
      case DESTINATION -> NxNat.destination(IPv4Address.of(ct.address()).getInt());
      case REVERSE -> NxNat.reverse();
    };
  }
}
