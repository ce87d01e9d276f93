package io.tenet.switches.openflow;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.tenet.switches.compile.CompiledFlows;
import io.tenet.switches.flow.FlowEntry;
import io.tenet.switches.flow.GroupEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsReply;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.protocol.errormsg.OFRoleRequestFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch's OpenFlow 1.3 connection: the handshake, liveness, and requests answered by xid.
 *
 * <p>Handshake: HELLO both ways (1.3 only), then ROLE_REQUEST SLAVE as the very first request,
 * because OVS makes every new connection EQUAL (it could write flows and gets packet-ins), then
 * FEATURES_REQUEST for the datapath id. The listener hears {@code connected} once both answered.
 *
 * <p>Every request registers its future under its xid before it is written; an ERROR with that
 * xid fails it, a closed connection fails everything pending. Futures complete on the event loop.
 */
public final class SwitchConnection extends SimpleChannelInboundHandler<Object> {
  private static final Logger log = LoggerFactory.getLogger(SwitchConnection.class);
  /** Messages a switch sends unasked; not handled yet, but no reason to drop the connection. */
  private static final Set<OFType> ASYNC = Set.of(OFType.FLOW_REMOVED, OFType.EXPERIMENTER);

  private enum State { WAIT_HELLO, WAIT_FEATURES, READY, CLOSED }

  private final SwitchListener listener;
  private final long initialGeneration;
  private final OpenFlowCounters counters;
  /** The role the switch last confirmed for this connection; OVS makes a new connection EQUAL. */
  private volatile OFControllerRole role = OFControllerRole.ROLE_EQUAL;
  private final AtomicLong xids = new AtomicLong(1);
  private final Map<Long, CompletableFuture<?>> failOnError = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<OFRoleReply>> roles = new ConcurrentHashMap<>();
  private final Map<Long, Batch> barriers = new ConcurrentHashMap<>();
  private final Map<Long, Dump> dumps = new ConcurrentHashMap<>();
  private final Map<Long, GroupDump> groupDumps = new ConcurrentHashMap<>();
  private final Map<Long, PortDump> portDumps = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Long>> flowCounts = new ConcurrentHashMap<>();
  private final CompletableFuture<OFRoleReply> initialRole = new CompletableFuture<>();
  private volatile State state = State.WAIT_HELLO;
  private volatile Channel channel;
  private volatile DatapathId dpid;
  private long startedNanos;
  private volatile long handshakeNanos = -1;

  /** Flow- and group-mods whose errors fail {@code done}; the barrier after them completes it. */
  private record Batch(List<Long> xids, CompletableFuture<Void> done) {}

  /** A flow-stats request whose replies are still arriving ({@code more} flag). */
  private record Dump(List<DumpedFlow> flows, CompletableFuture<List<DumpedFlow>> done) {}

  private record GroupDump(List<DumpedGroup> groups, CompletableFuture<List<DumpedGroup>> done) {}

  private record PortDump(List<OFPortDesc> ports, CompletableFuture<List<OFPortDesc>> done) {}

  SwitchConnection(SwitchListener listener, long initialGeneration) {
    this(listener, initialGeneration, OpenFlowCounters.NONE);
  }

  SwitchConnection(SwitchListener listener, long initialGeneration, OpenFlowCounters counters) {
    this.listener = listener;
    this.initialGeneration = initialGeneration;
    this.counters = counters;
  }

  /** xids are 32 bits on the wire; the map keys must be what comes back. */
  private long nextXid() {
    return xids.getAndIncrement() & 0xffff_ffffL;
  }

  /** The datapath id from FEATURES_REPLY; null before it arrived. */
  public DatapathId dpid() {
    return dpid;
  }

  /** Time from TCP accept to connected (HELLO, SLAVE and features answered), or -1. */
  public long handshakeNanos() {
    return handshakeNanos;
  }

  /** How the switch answered the SLAVE request of the handshake (fails e.g. when the initial generation is stale). */
  public CompletionStage<OFRoleReply> initialRole() {
    return initialRole;
  }

  /** Remote address, and the datapath id once known: what every log line about this switch names. */
  public String name() {
    Channel c = channel;
    String address = c == null ? "?" : String.valueOf(c.remoteAddress());
    return dpid == null ? "remote=" + address : "dpid=" + String.format("%016x", dpid.getLong()) + " remote=" + address;
  }

  public boolean isConnected() {
    return state == State.READY;
  }

  /** The role the switch last confirmed (a role reply, or a demotion it announced). */
  public OFControllerRole role() {
    return role;
  }

  /** Asks for a role. The switch refuses a generation older than the last one it accepted (OFPRRFC_STALE, via {@link OpenFlowErrorException}). */
  public CompletionStage<OFRoleReply> requestRole(OFControllerRole role, long generation) {
    long xid = nextXid();
    CompletableFuture<OFRoleReply> reply = new CompletableFuture<>();
    roles.put(xid, reply);
    failOnError.put(xid, reply);
    reply.whenComplete((r, e) -> {
      roles.remove(xid);
      failOnError.remove(xid);
      if (r != null && r.getRole() != OFControllerRole.ROLE_NOCHANGE) this.role = r.getRole();
    });
    send(LoxiTranslation.OF13.buildRoleRequest().setXid(xid).setRole(role).setGenerationId(U64.of(generation)).build(), reply);
    return reply;
  }

  /**
   * Adds the groups, then the flows (they refer to the groups), then a BARRIER: completes when the
   * barrier is answered, i.e. the switch has processed everything before it; fails if any of those
   * messages got an error. A refused translation fails before anything is sent.
   */
  public CompletionStage<Void> apply(CompiledFlows desired) {
    List<OFMessage.Builder> messages = new ArrayList<>();
    try {
      for (GroupEntry group : desired.groups()) messages.add(LoxiTranslation.groupAdd(group, 0).createBuilder());
      for (FlowEntry flow : desired.flows()) messages.add(LoxiTranslation.flowAdd(flow, 0).createBuilder());
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return apply(messages);
  }

  /** As {@link #applyMods}, for mods built with Loxi. */
  public CompletionStage<Void> apply(List<? extends OFMessage.Builder> mods) {
    return applyMods(mods.stream().map(LoxiMod::new).toList());
  }

  /**
   * Sends the mods in order, then a BARRIER: completes when the barrier is answered, i.e. the
   * switch has processed everything before it; fails if any of them got an error (the others
   * still took effect: OpenFlow has no transactions, the caller re-reads the tables).
   */
  public CompletionStage<Void> applyMods(List<? extends TableMod> mods) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<NumberedMod> messages = new ArrayList<>(mods.size());
    for (TableMod mod : mods) messages.add(new NumberedMod(nextXid(), mod));
    long barrierXid = nextXid();
    List<Long> modXids = messages.stream().map(NumberedMod::xid).toList();
    Batch batch = new Batch(modXids, done);
    for (long xid : modXids) failOnError.put(xid, done);
    failOnError.put(barrierXid, done);
    // the xids stay registered until the barrier reply: errors after the first one still belong to this batch
    barriers.put(barrierXid, batch);
    Channel c = channel;
    if (c == null || state == State.CLOSED) {
      done.completeExceptionally(new IOException(name() + " is not connected"));
      return done;
    }
    for (NumberedMod message : messages) c.write(message);
    send(LoxiTranslation.OF13.buildBarrierRequest().setXid(barrierXid).build(), done);
    int groupMods = (int) mods.stream().filter(TableMod::isGroupMod).count();
    counters.batchSent(mods.size() - groupMods, groupMods);
    return done;
  }

  /** Sends a frame out of one port, as if it came from the controller (DHCP answers). No reply is awaited. */
  public void packetOut(long outPort, byte[] frame) {
    OFMessage out = LoxiTranslation.OF13.buildPacketOut().setXid(nextXid()).setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
        .setActions(List.of(LoxiTranslation.OF13.actions().output(OFPort.of((int) outPort), 0))).setData(frame).build();
    send(out, new CompletableFuture<>());
  }

  /** The switch's OpenFlow ports (number, name, MAC, state), read with multipart port-desc. */
  public CompletionStage<List<OFPortDesc>> describePorts() {
    long xid = nextXid();
    CompletableFuture<List<OFPortDesc>> done = new CompletableFuture<>();
    portDumps.put(xid, new PortDump(new ArrayList<>(), done));
    failOnError.put(xid, done);
    done.whenComplete((r, e) -> {
      portDumps.remove(xid);
      failOnError.remove(xid);
    });
    send(LoxiTranslation.OF13.buildPortDescStatsRequest().setXid(xid).build(), done);
    return done;
  }

  /** Every group with its buckets, read with multipart group-desc. */
  public CompletionStage<List<DumpedGroup>> dumpGroups() {
    long xid = nextXid();
    CompletableFuture<List<DumpedGroup>> done = new CompletableFuture<>();
    groupDumps.put(xid, new GroupDump(new ArrayList<>(), done));
    failOnError.put(xid, done);
    done.whenComplete((r, e) -> {
      groupDumps.remove(xid);
      failOnError.remove(xid);
    });
    send(LoxiTranslation.OF13.buildGroupDescStatsRequest().setXid(xid).build(), done);
    return done;
  }

  /** How many flows the switch holds in all its tables: one aggregate-stats request and its small reply, where a dump carries every flow. */
  public CompletionStage<Long> countFlows() {
    long xid = nextXid();
    CompletableFuture<Long> done = new CompletableFuture<>();
    flowCounts.put(xid, done);
    failOnError.put(xid, done);
    done.whenComplete((r, e) -> {
      flowCounts.remove(xid);
      failOnError.remove(xid);
    });
    send(LoxiTranslation.OF13.buildAggregateStatsRequest().setXid(xid).setTableId(TableId.ALL).setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY)
        .setCookie(U64.ZERO).setCookieMask(U64.ZERO).setMatch(LoxiTranslation.OF13.buildMatch().build()).build(), done);
    return done;
  }

  /** Every flow of every table, read with multipart flow-stats (replies with the "more" flag are collected). */
  public CompletionStage<List<DumpedFlow>> dumpFlows() {
    long xid = nextXid();
    CompletableFuture<List<DumpedFlow>> done = new CompletableFuture<>();
    dumps.put(xid, new Dump(new ArrayList<>(), done));
    failOnError.put(xid, done);
    done.whenComplete((r, e) -> {
      dumps.remove(xid);
      failOnError.remove(xid);
    });
    send(LoxiTranslation.OF13.buildFlowStatsRequest().setXid(xid).setTableId(TableId.ALL).setOutPort(OFPort.ANY).setOutGroup(OFGroup.ANY)
        .setCookie(U64.ZERO).setCookieMask(U64.ZERO).setMatch(LoxiTranslation.OF13.buildMatch().build()).build(), done);
    return done;
  }

  public void close() {
    Channel c = channel;
    if (c != null) c.close();
  }

  private void send(OFMessage message, CompletableFuture<?> failOnWriteError) {
    Channel c = channel;
    if (c == null || state == State.CLOSED) {
      failOnWriteError.completeExceptionally(new IOException(name() + " is not connected"));
      return;
    }
    if (log.isTraceEnabled()) log.trace("{}: sending {} xid {} at {} ms", name(), message.getType(), message.getXid(), (System.nanoTime() - startedNanos) / 1e6);
    c.writeAndFlush(message).addListener(f -> {
      if (!f.isSuccess()) failOnWriteError.completeExceptionally(f.cause());
    });
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    startedNanos = System.nanoTime();
    // our HELLO offers 1.3 only, in the header and in the version bitmap (bit 4)
    ctx.writeAndFlush(LoxiTranslation.OF13.buildHello().setXid(nextXid())
        .setElements(List.of(LoxiTranslation.OF13.helloElemVersionbitmap(List.of(U32.of(1 << 4))))).build());
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FlowStatsChunk chunk) {
      flowStats(chunk);
      return;
    }
    if (msg instanceof GroupDescChunk chunk) {
      GroupDump dump = groupDumps.get(chunk.xid());
      if (dump == null) {
        log.debug("{}: group descriptions for unknown xid {}", name(), chunk.xid());
      } else {
        dump.groups().addAll(chunk.groups());
        if (!chunk.more()) dump.done().complete(List.copyOf(dump.groups()));
      }
      return;
    }
    if (msg instanceof RoleStatus status) {
      log.info("{}: now {} (generation {}, reason {})", name(), status.role(), status.generation(), status.reason());
      if (status.role() != OFControllerRole.ROLE_NOCHANGE) role = status.role();
      listener.roleChanged(this, status);
      return;
    }
    OFMessage message = (OFMessage) msg;
    if (log.isTraceEnabled()) log.trace("{}: {} xid {} at {} ms", name(), message.getType(), message.getXid(), (System.nanoTime() - startedNanos) / 1e6);
    switch (state) {
      case WAIT_HELLO -> {
        log.debug("{}: {} after {} ms", name(), message.getType(), (System.nanoTime() - startedNanos) / 1e6);
        if (message.getType() != OFType.HELLO) {
          refuse(ctx, "expected HELLO, got " + message.getType());
        } else if (!speaks13((OFHello) message)) {
          refuse(ctx, "switch does not speak OpenFlow 1.3 (HELLO version " + message.getVersion() + ")");
        } else {
          state = State.WAIT_FEATURES;
          // SLAVE first: until then OVS treats us as EQUAL
          becomeSlave().whenComplete((reply, error) -> {
            if (error != null) {
              log.warn("{}: initial SLAVE request refused, the connection stays EQUAL until a role request succeeds: {}", name(), error.getMessage());
              initialRole.completeExceptionally(error);
            } else {
              initialRole.complete(reply);
            }
            log.debug("{}: initial role answered after {} ms", name(), (System.nanoTime() - startedNanos) / 1e6);
            maybeReady();
          });
          ctx.writeAndFlush(LoxiTranslation.OF13.buildFeaturesRequest().setXid(nextXid()).build());
        }
      }
      case WAIT_FEATURES, READY -> established(ctx, message);
      case CLOSED -> { }
    }
  }

  /**
   * SLAVE with the initial generation; if the switch knows a newer one (another controller is
   * master, or was), it refuses that as stale: then ask for the switch's generation (ROLE
   * NOCHANGE) and become SLAVE with it. One more round trip, only on a switch that has a master.
   */
  private CompletionStage<OFRoleReply> becomeSlave() {
    return requestRole(OFControllerRole.ROLE_SLAVE, initialGeneration).exceptionallyCompose(refused -> {
      if (!isStale(refused)) return CompletableFuture.failedFuture(refused);
      return requestRole(OFControllerRole.ROLE_NOCHANGE, 0)
          .thenCompose(current -> requestRole(OFControllerRole.ROLE_SLAVE, current.getGenerationId().getValue()));
    });
  }

  /** OFPRRFC_STALE: the generation is older than the last one the switch accepted. */
  public static boolean isStale(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : failure;
    return cause instanceof OpenFlowErrorException error && error.error() instanceof OFRoleRequestFailedErrorMsg role
        && role.getCode() == OFRoleRequestFailedCode.STALE;
  }

  private void established(ChannelHandlerContext ctx, OFMessage message) {
    if (message.getVersion() != OFVersion.OF_13) {
      refuse(ctx, "a " + message.getVersion() + " message on a 1.3 connection");
      return;
    }
    switch (message.getType()) {
      case ECHO_REQUEST -> ctx.writeAndFlush(LoxiTranslation.OF13.buildEchoReply().setXid(message.getXid()).setData(((OFEchoRequest) message).getData()).build());
      case ECHO_REPLY -> { } // any message counts as liveness; the idle handler saw it
      case FEATURES_REPLY -> {
        if (dpid != null) return;
        dpid = ((OFFeaturesReply) message).getDatapathId();
        log.debug("{}: features after {} ms", name(), (System.nanoTime() - startedNanos) / 1e6);
        maybeReady();
      }
      case ROLE_REPLY -> {
        CompletableFuture<OFRoleReply> reply = roles.get(message.getXid());
        if (reply != null) reply.complete((OFRoleReply) message);
        else log.debug("{}: role reply for unknown xid {}", name(), message.getXid());
      }
      case BARRIER_REPLY -> {
        long xid = ((OFBarrierReply) message).getXid();
        Batch batch = barriers.remove(xid);
        if (batch != null) {
          failOnError.remove(xid);
          for (long mod : batch.xids()) failOnError.remove(mod);
          batch.done().complete(null); // no-op if an error failed it already
        }
      }
      case ERROR -> error((OFErrorMsg) message);
      case PACKET_IN -> listener.packetIn(this, (OFPacketIn) message);
      case PORT_STATUS -> listener.portStatus(this, (OFPortStatus) message);
      case STATS_REPLY -> {
        PortDump dump = portDumps.get(message.getXid());
        CompletableFuture<Long> count = flowCounts.get(message.getXid());
        if (message instanceof OFAggregateStatsReply aggregate && count != null) {
          count.complete(aggregate.getFlowCount());
        } else if (message instanceof OFPortDescStatsReply reply && dump != null) {
          dump.ports().addAll(reply.getEntries());
          if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) dump.done().complete(List.copyOf(dump.ports()));
        } else {
          log.debug("{}: {} for no pending request", name(), message);
        }
      }
      case HELLO -> refuse(ctx, "second HELLO");
      default -> {
        if (ASYNC.contains(message.getType())) {
          log.debug("{}: {} (not handled yet)", name(), message.getType());
        } else {
          refuse(ctx, "unexpected " + message.getType());
        }
      }
    }
  }

  private void maybeReady() {
    if (state == State.WAIT_FEATURES && dpid != null && initialRole.isDone()) {
      state = State.READY;
      handshakeNanos = System.nanoTime() - startedNanos;
      log.info("{}: connected in {} ms", name(), handshakeNanos / 1_000_000.0);
      listener.connected(this);
    }
  }

  private void error(OFErrorMsg error) {
    CompletableFuture<?> future = failOnError.get(error.getXid());
    if (future != null) {
      if (!future.completeExceptionally(new OpenFlowErrorException(name(), error))) {
        log.debug("{}: further error in an already failed request: {}", name(), error);
      }
    } else {
      log.warn("{}: error for no pending request: {}", name(), error);
    }
  }

  private void flowStats(FlowStatsChunk chunk) {
    Dump dump = dumps.get(chunk.xid());
    if (dump == null) {
      log.debug("{}: flow stats for unknown xid {}", name(), chunk.xid());
      return;
    }
    dump.flows().addAll(chunk.flows());
    if (!chunk.more()) dump.done().complete(List.copyOf(dump.flows()));
  }

  /** A 1.3 HELLO, or a newer one whose version bitmap includes 1.3 (then 1.3 is what both speak). */
  private static boolean speaks13(OFHello hello) {
    if (hello.getVersion() == OFVersion.OF_13) return true;
    if (hello.getVersion().compareTo(OFVersion.OF_13) < 0) return false;
    for (OFHelloElem element : hello.getElements()) {
      if (element instanceof OFHelloElemVersionbitmap bitmap && !bitmap.getBitmaps().isEmpty()
          && (bitmap.getBitmaps().get(0).getValue() & (1L << 4)) != 0) return true;
    }
    return false;
  }

  private void refuse(ChannelHandlerContext ctx, String why) {
    log.warn("{}: closing the connection: {}", name(), why);
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle) {
      if (idle.isFirst()) {
        // 5 s of silence: ask; OVS answers at once if it is alive
        ctx.writeAndFlush(LoxiTranslation.OF13.buildEchoRequest().setXid(nextXid()).setData(new byte[0]).build());
      } else {
        refuse(ctx, "no message for 10 s, echo unanswered");
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!ctx.channel().isOpen()) return; // bytes still buffered after we closed: already logged
    log.warn("{}: closing the connection after {}", name(), cause.toString());
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    boolean wasReady = state == State.READY;
    state = State.CLOSED;
    IOException closed = new IOException("connection to " + name() + " closed");
    initialRole.completeExceptionally(closed);
    for (CompletableFuture<?> future : List.copyOf(failOnError.values())) future.completeExceptionally(closed);
    log.info("{}: disconnected", name());
    if (wasReady) listener.disconnected(this);
    super.channelInactive(ctx);
  }
}
