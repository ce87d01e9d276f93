package io.tenet.lab;

/**
 * A machine for one controller node, as a separate VM would be: a namespace with one address on
 * the lab's management network ({@code address}), which the node binds everything to. Its link
 * into the management bridge is {@code rootVeth}; {@link OvsLab#isolate} takes it down.
 */
public record ControllerHost(String namespace, String address, String rootVeth) {}
