package io.tenet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  final RouteTemplates templates = new RouteTemplates(ApiServer.ENDPOINTS);

  @Test
  void idsBecomeTheirParameterName() {
    assertEquals("/v1/ports/{id}", templates.of("/v1/ports/0b9c2f4e-1c7e-4a43-9d1f-3c1b8d2f7a10"));
    assertEquals("/v1/routers/{id}/interfaces/{subnet_id}", templates.of("/v1/routers/r1/interfaces/s1"));
    assertEquals("/v1/ports", templates.of("/v1/ports"));
  }

  @Test
  void literalSegmentsWinOverParameters() {
    assertEquals("/v1/health/ready", templates.of("/v1/health/ready"));
    assertEquals("/v1/health", templates.of("/v1/health"));
    assertEquals("/metrics", templates.of("/metrics"));
  }

  @Test
  void anythingElseIsOneLabel() {
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/v1/ports/"));
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/v1/no-such/thing/at/all"));
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/"));
    assertEquals(RouteTemplates.UNMATCHED, templates.of("/v1/ports/a/b"));
  }

  @Test
  void unknownMethodsShareOneLabel() {
    assertEquals("PATCH", RouteTemplates.method("PATCH"));
    assertEquals("OTHER", RouteTemplates.method("BREW"));
  }
}
