package io.tenet.topology.validation;

import static io.tenet.topology.testing.Fixtures.ok;
import static io.tenet.topology.testing.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenet.topology.model.AddressPair;
import io.tenet.topology.model.FixedIp;
import io.tenet.topology.model.PortPatch;
import io.tenet.topology.model.PortRequest;
import io.tenet.topology.model.PortSpec;
import io.tenet.topology.model.ProblemCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortValidationTest {
  private static final String DEFAULT_GROUP = "sg-default";

  private static PortRequest request(String mac, List<FixedIp> ips, List<String> groups, Boolean portSecurity) {
    return new PortRequest("p1", null, "net-1", "web", mac, ips, groups, portSecurity, null, "compute:nova", "vm-1");
  }

  private static PortSpec spec(List<String> groups, boolean portSecurity) {
    return new PortSpec("net-1", "web", null, null, groups, portSecurity, true, "", "");
  }

  private static PortPatch patch(List<String> groups, Boolean portSecurity) {
    return new PortPatch(null, groups, portSecurity, null, null, null, null, null);
  }

  @Test
  void fillsDefaults() {
    PortSpec spec = ok(PortValidation.validate(request(null, null, null, null), DEFAULT_GROUP));
    assertEquals("net-1", spec.networkId());
    assertEquals("web", spec.name());
    assertNull(spec.requestedMac());
    assertNull(spec.requestedIps());
    assertEquals(List.of(DEFAULT_GROUP), spec.securityGroupIds());
    assertTrue(spec.portSecurityEnabled());
    assertTrue(spec.adminStateUp());
    assertEquals("compute:nova", spec.deviceOwner());
    assertEquals("vm-1", spec.deviceId());
    assertFalse(spec.isRouterInterface());
    PortSpec bare = ok(PortValidation.validate(new PortRequest(null, null, "net-1", null, null, null, null, null, null, null, null), null));
    assertEquals("", bare.name());
    assertEquals(List.of(), bare.securityGroupIds()); // no default group known
    assertEquals("", bare.deviceOwner());
  }

  @Test
  void networkIsRequired() {
    rejected(PortValidation.validate(new PortRequest(null, null, null, null, null, null, null, null, null, null, null), DEFAULT_GROUP),
        ProblemCode.MISSING_VALUE, "network_id");
    rejected(PortValidation.validate(new PortRequest(null, null, "net 1", null, null, null, null, null, null, null, null), DEFAULT_GROUP),
        ProblemCode.INVALID_VALUE, "network_id");
  }

  @Test
  void portSecurityOffWithGroupsIsRefused() {
    rejected(PortValidation.validate(request(null, null, List.of("sg-1"), false), DEFAULT_GROUP), ProblemCode.PORT_SECURITY_DISABLED, "security_group_ids");
    PortSpec open = ok(PortValidation.validate(request(null, null, null, false), DEFAULT_GROUP));
    assertFalse(open.portSecurityEnabled());
    assertEquals(List.of(), open.securityGroupIds()); // the default group is not implied
    assertEquals(List.of(), ok(PortValidation.validate(request(null, null, List.of(), false), DEFAULT_GROUP)).securityGroupIds());
  }

  @Test
  void namedGroupsReplaceTheDefaultAndRepeatsCollapse() {
    assertEquals(List.of("sg-2", "sg-1"), ok(PortValidation.validate(request(null, null, List.of("sg-2", "sg-1", "sg-2"), null), DEFAULT_GROUP)).securityGroupIds());
    assertEquals(List.of(), ok(PortValidation.validate(request(null, null, List.of(), null), DEFAULT_GROUP)).securityGroupIds());
    rejected(PortValidation.validate(request(null, null, List.of("sg 1"), null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "security_group_ids[0]");
    rejected(PortValidation.validate(request(null, null, Arrays.asList("sg-1", null), null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "security_group_ids[1]");
  }

  @Test
  void macIsCheckedAndCanonical() {
    assertEquals("fa:16:3e:aa:bb:cc", ok(PortValidation.validate(request("FA:16:3E:AA:BB:CC", null, null, null), DEFAULT_GROUP)).requestedMac());
    rejected(PortValidation.validate(request("fa-16-3e-aa-bb-cc", null, null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "mac_address");
    rejected(PortValidation.validate(request("01:00:5e:00:00:01", null, null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "mac_address");
    rejected(PortValidation.validate(request("ff:ff:ff:ff:ff:ff", null, null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "mac_address");
    rejected(PortValidation.validate(request("00:00:00:00:00:00", null, null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "mac_address");
  }

  @Test
  void fixedIpsAreCheckedAndCanonical() {
    PortSpec spec = ok(PortValidation.validate(request(null, List.of(new FixedIp("sub-1", null), new FixedIp(null, "10.0.0.5"), new FixedIp("sub-2", "10.0.1.5")), null, null), DEFAULT_GROUP));
    assertEquals(List.of(new FixedIp("sub-1", null), new FixedIp(null, "10.0.0.5"), new FixedIp("sub-2", "10.0.1.5")), spec.requestedIps());
    assertEquals(List.of(), ok(PortValidation.validate(request(null, List.of(), null, null), DEFAULT_GROUP)).requestedIps());
    rejected(PortValidation.validate(request(null, List.of(new FixedIp(null, null)), null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "fixed_ips[0]");
    rejected(PortValidation.validate(request(null, Arrays.asList(new FixedIp(null, "10.0.0.5"), null), null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "fixed_ips[1]");
    rejected(PortValidation.validate(request(null, List.of(new FixedIp(null, "10.0.0.05")), null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "fixed_ips[0].ip_address");
    rejected(PortValidation.validate(request(null, List.of(new FixedIp("sub 1", null)), null, null), DEFAULT_GROUP), ProblemCode.INVALID_VALUE, "fixed_ips[0].subnet_id");
    rejected(PortValidation.validate(request(null, List.of(new FixedIp(null, "10.0.0.5"), new FixedIp("sub-1", "10.0.0.5")), null, null), DEFAULT_GROUP),
        ProblemCode.INVALID_VALUE, "fixed_ips[1].ip_address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mac", "fixed_ips"})
  void addressesAreNotUpdatable(String which) {
    PortPatch patch = which.equals("mac")
        ? new PortPatch(null, null, null, null, null, null, "fa:16:3e:00:00:09", null)
        : new PortPatch(null, null, null, null, null, null, null, List.of(new FixedIp(null, "10.0.0.9")));
    rejected(PortValidation.patch(spec(List.of("sg-1"), true), patch), ProblemCode.NOT_UPDATABLE, which.equals("mac") ? "mac_address" : "fixed_ips");
  }

  @Test
  void emptyPatchChangesNothing() {
    PortSpec current = spec(List.of("sg-1"), true);
    assertEquals(current, ok(PortValidation.patch(current, new PortPatch(null, null, null, null, null, null, null, null))));
  }

  @Test
  void patchChangesPlainFields() {
    PortSpec current = spec(List.of("sg-1"), true);
    PortSpec next = ok(PortValidation.patch(current, new PortPatch("db", List.of("sg-2", "sg-2"), null, false, "owner", "dev", null, null)));
    assertEquals("db", next.name());
    assertEquals(List.of("sg-2"), next.securityGroupIds());
    assertFalse(next.adminStateUp());
    assertEquals("owner", next.deviceOwner());
    assertEquals("dev", next.deviceId());
    assertEquals(current.networkId(), next.networkId());
    rejected(PortValidation.patch(current, new PortPatch("a\u0000b", null, null, null, null, null, null, null)), ProblemCode.INVALID_VALUE, "name");
  }

  @Test
  void turningPortSecurityOffDropsImpliedGroups() {
    PortSpec next = ok(PortValidation.patch(spec(List.of("sg-1"), true), patch(null, false)));
    assertFalse(next.portSecurityEnabled());
    assertEquals(List.of(), next.securityGroupIds());
    PortSpec cleared = ok(PortValidation.patch(spec(List.of("sg-1"), true), patch(List.of(), false)));
    assertEquals(List.of(), cleared.securityGroupIds());
  }

  @Test
  void portSecurityOffWithGroupsIsRefusedInPatches() {
    rejected(PortValidation.patch(spec(List.of("sg-1"), true), patch(List.of("sg-1"), false)), ProblemCode.PORT_SECURITY_DISABLED, "security_group_ids");
    rejected(PortValidation.patch(spec(List.of(), false), patch(List.of("sg-1"), null)), ProblemCode.PORT_SECURITY_DISABLED, "security_group_ids");
    PortSpec back = ok(PortValidation.patch(spec(List.of(), false), patch(List.of("sg-1"), true)));
    assertTrue(back.portSecurityEnabled());
    assertEquals(List.of("sg-1"), back.securityGroupIds());
  }

  @Test
  void requestedIpsListIsCopied() {
    List<FixedIp> ips = new ArrayList<>(List.of(new FixedIp(null, "10.0.0.5")));
    PortSpec spec = ok(PortValidation.validate(request(null, ips, null, null), DEFAULT_GROUP));
    ips.clear();
    assertEquals(1, spec.requestedIps().size());
  }

  private static PortRequest withPairs(Boolean portSecurity, AddressPair... pairs) {
    return new PortRequest("p1", null, "net-1", "web", null, null, null, portSecurity, null, "", "", List.of(pairs));
  }

  @Test
  void addressPairsAreAddressesOrCidrsWithAnOptionalUnicastMac() {
    PortSpec spec = ok(PortValidation.validate(withPairs(null, new AddressPair("10.0.0.100", null), new AddressPair("10.0.0.96/28", "FA:16:3E:00:00:99"),
        new AddressPair("10.0.0.100", null)), DEFAULT_GROUP));
    assertEquals(List.of(new AddressPair("10.0.0.100", null), new AddressPair("10.0.0.96/28", "fa:16:3e:00:00:99")), spec.allowedAddressPairs(),
        "normalized, duplicates dropped");
    assertEquals(List.of(new AddressPair("10.0.0.7", null)), ok(PortValidation.validate(withPairs(true, new AddressPair("10.0.0.7/32", null)), null)).allowedAddressPairs());
    rejected(PortValidation.validate(withPairs(null, new AddressPair("10.0.0.300", null)), null), ProblemCode.INVALID_VALUE, "allowed_address_pairs[0].ip_address");
    rejected(PortValidation.validate(withPairs(null, new AddressPair("10.0.0.1/24", null)), null), ProblemCode.INVALID_VALUE, "allowed_address_pairs[0].ip_address");
    rejected(PortValidation.validate(withPairs(null, new AddressPair("10.0.0.5", null), new AddressPair("10.0.0.6", "01:00:5e:00:00:01")), null),
        ProblemCode.INVALID_VALUE, "allowed_address_pairs[1].mac_address");
    rejected(PortValidation.validate(withPairs(null, new AddressPair(null, "fa:16:3e:00:00:99")), null), ProblemCode.MISSING_VALUE, "allowed_address_pairs[0].ip_address");
    AddressPair[] eleven = new AddressPair[11];
    for (int i = 0; i < eleven.length; i++) eleven[i] = new AddressPair("10.0.0." + (100 + i), null);
    rejected(PortValidation.validate(withPairs(null, eleven), null), ProblemCode.INVALID_VALUE, "allowed_address_pairs");
  }

  @Test
  void addressPairsNeedPortSecurityAndCannotOutliveIt() {
    rejected(PortValidation.validate(withPairs(false, new AddressPair("10.0.0.100", null)), null), ProblemCode.PORT_SECURITY_DISABLED, "allowed_address_pairs");
    PortSpec withPair = ok(PortValidation.validate(withPairs(null, new AddressPair("10.0.0.100", null)), null));
    rejected(PortValidation.patch(withPair, patch(null, false)), ProblemCode.PORT_SECURITY_DISABLED, "allowed_address_pairs");
    PortPatch offAndClear = new PortPatch(null, null, false, null, null, null, null, null, List.of());
    PortSpec off = ok(PortValidation.patch(withPair, offAndClear));
    assertEquals(List.of(), off.allowedAddressPairs());
    assertFalse(off.portSecurityEnabled());
    PortPatch unchanged = patch(null, null);
    assertEquals(withPair.allowedAddressPairs(), ok(PortValidation.patch(withPair, unchanged)).allowedAddressPairs(), "absent: unchanged");
  }
}
