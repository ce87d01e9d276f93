package io.tenet.topology.model;

import java.util.List;

/** The whole set of tags a client wants on an object; it replaces the tags the object had. */
public record TagsRequest(List<String> tags) {}
