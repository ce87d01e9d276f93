package io.tenet.switches.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

/** ovsdb-server answered a request with an error (the JSON-RPC error, or an error in a transact result). */
public final class OvsdbErrorException extends RuntimeException {
  private final transient JsonNode error;

  OvsdbErrorException(String method, JsonNode error) {
    super(method + " failed: " + error);
    this.error = error;
  }

  public JsonNode error() {
    return error;
  }
}
