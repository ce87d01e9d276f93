package io.tenet.topology.history;

import com.fasterxml.jackson.databind.JsonNode;

/** One field of an object before and after a change, as the API spells it (null: absent). */
public record FieldChange(JsonNode from, JsonNode to) {}
