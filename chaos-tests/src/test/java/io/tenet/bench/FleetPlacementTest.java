package io.tenet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fleet's ports land evenly on all datapaths (the first placement used one in ten), each network's on different ones. */
class FleetPlacementTest {
  @ParameterizedTest
  @CsvSource({"1000, 20, 10", "1000, 20, 100", "100, 20, 3", "100, 10, 7", "20, 20, 2"})
  void everyDatapathGetsItsShareAndNoNetworkTwoPortsOnOne(int datapaths, int networkSize, int portsPerDatapath) {
    FleetPlacement placement = new FleetPlacement(datapaths, networkSize);
    int[] ports = new int[datapaths];
    int networks = datapaths * portsPerDatapath / networkSize;
    for (int network = 0; network < networks; network++) {
      Set<Integer> used = new HashSet<>();
      for (int slot = 0; slot < networkSize; slot++) {
        int datapath = placement.datapathOf(network, slot);
        assertEquals(true, used.add(datapath), "network " + network + " has two ports on datapath " + datapath);
        ports[datapath]++;
      }
    }
    for (int datapath = 0; datapath < datapaths; datapath++) assertEquals(portsPerDatapath, ports[datapath], "ports on datapath " + datapath);
  }
}
