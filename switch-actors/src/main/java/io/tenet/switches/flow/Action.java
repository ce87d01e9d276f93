package io.tenet.switches.flow;

import io.tenet.switches.pipeline.Table;

/** One step of a flow's instructions, printed in {@code ovs-ofctl} syntax. */
public sealed interface Action {
  String ofctl();

  /** Sends the packet out of an OpenFlow port. */
  record Output(long port) implements Action {
    public String ofctl() {
      return "output:" + port;
    }
  }

  /** Sends the packet back where it came from (OpenFlow never does so with a plain output). */
  record OutputInPort() implements Action {
    public String ofctl() {
      return "IN_PORT";
    }
  }

  /** Hands the packet to the controller (DHCP). */
  record ToController() implements Action {
    public String ofctl() {
      return "CONTROLLER:65535";
    }
  }

  record SetField(MatchField field, String value) implements Action {
    public String ofctl() {
      return "set_field:" + value + "->" + field.ofctlName();
    }
  }

  /** Copies one header field into another, e.g. the ARP sender into the target of a reply. */
  record Move(String from, String to) implements Action {
    public String ofctl() {
      return "move:" + from + "[]->" + to + "[]";
    }
  }

  /** Writes the bits of {@code value} selected by {@code mask}; see {@link io.tenet.switches.pipeline.Metadata}. */
  record WriteMetadata(long value, long mask) implements Action {
    public String ofctl() {
      return "write_metadata:" + io.tenet.switches.pipeline.Metadata.masked(value, mask);
    }
  }

  /** Adds an 802.1Q header (its VLAN id is set next, with a set_field of vlan_vid). */
  record PushVlan() implements Action {
    public String ofctl() {
      return "push_vlan:0x8100";
    }
  }

  /** Removes the outer 802.1Q header. */
  record PopVlan() implements Action {
    public String ofctl() {
      return "pop_vlan";
    }
  }

  /** Decrements the IPv4 TTL (OpenFlow 1.3 OFPAT_DEC_NW_TTL); OVS drops the packet when it reaches zero. */
  record DecTtl() implements Action {
    public String ofctl() {
      return "dec_ttl";
    }
  }

  /**
   * Through the connection tracker in {@code zone}: {@code commit} records the connection, and
   * {@code table} (null: none) is where the pipeline resumes with the packet's ct_state known.
   */
  record Conntrack(boolean commit, int zone, Table table) implements Action {
    public String ofctl() {
      return "ct(" + (commit ? "commit," : "") + "zone=" + zone + (table == null ? "" : ",table=" + table.id()) + ")";
    }
  }

  /**
   * Through the connection tracker in {@code zone} with address translation, resuming in
   * {@code table} (null: none): {@code SOURCE} or {@code DESTINATION} rewrites that address to
   * {@code address} for the connection it commits (later packets and the replies follow);
   * {@code REVERSE} (address null, not committing) applies whatever translation the packet's
   * connection has, which turns a reply back to the original addresses.
   */
  record ConntrackNat(boolean commit, int zone, Table table, NatRewrite rewrite, String address) implements Action {
    public enum NatRewrite { SOURCE, DESTINATION, REVERSE }

    public ConntrackNat {
      if ((rewrite == NatRewrite.REVERSE) != (address == null)) throw new IllegalArgumentException("an address exactly for SOURCE and DESTINATION");
      if (rewrite != NatRewrite.REVERSE && !commit) throw new IllegalArgumentException("OVS sets up a translation only when it commits");
    }

    public String ofctl() {
      String nat = switch (rewrite) {
        case SOURCE -> "nat(src=" + address + ")";
        case DESTINATION -> "nat(dst=" + address + ")";
        case REVERSE -> "nat";
      };
      return "ct(" + (commit ? "commit," : "") + "zone=" + zone + (table == null ? "" : ",table=" + table.id()) + "," + nat + ")";
    }
  }

  /**
   * Commits the connection in {@code zone} with {@code mark} in its ct_mark, so that every later
   * packet of it, in either direction, carries the mark when it comes back from the tracker.
   */
  record ConntrackMark(int zone, long mark) implements Action {
    public String ofctl() {
      return "ct(commit,zone=" + zone + ",exec(set_field:0x" + Long.toHexString(mark) + "->ct_mark))";
    }
  }

  /**
   * Says the packet satisfies clause {@code clause} (1-based) of {@code clauses} of conjunction
   * {@code id}; once it satisfies all of them, the flow matching conj_id={@code id} acts on it.
   * A flow with this action has no other kind.
   */
  record Conjunction(long id, int clause, int clauses) implements Action {
    public Conjunction {
      if (clauses < 2 || clauses > 64 || clause < 1 || clause > clauses) throw new IllegalArgumentException("no clause " + clause + "/" + clauses);
    }

    public String ofctl() {
      return "conjunction(" + id + "," + clause + "/" + clauses + ")";
    }
  }

  record Group(long groupId) implements Action {
    public String ofctl() {
      return "group:" + groupId;
    }
  }

  /**
   * Nicira {@code resubmit(,table)}: the packet goes through {@code table} and then on with the
   * actions after this one. The only way a group's bucket (which has no goto_table) continues the pipeline.
   */
  record Resubmit(Table table) implements Action {
    public String ofctl() {
      return "resubmit(," + table.id() + ")";
    }
  }

  record GotoTable(Table table) implements Action {
    public String ofctl() {
      return "goto_table:" + table.id();
    }
  }
}
