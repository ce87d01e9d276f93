package io.tenet.topology.model;

/** What sort of refusal a {@link Problem} is; the API maps each kind to one HTTP status. */
public enum ProblemKind {
  /** The object does not exist, or is not visible to the caller. */
  NOT_FOUND,
  /** Well-formed input with a value that can never be valid (bad CIDR, IP outside its subnet). */
  INVALID,
  /** Valid input that collides with the current state (IP in use, network has ports). */
  CONFLICT,
  /** The caller may see the object but not do this to it (a tenant changing an external network). */
  FORBIDDEN,
  /** The system cannot take the change right now (storage down); retrying later may work. */
  UNAVAILABLE,
  /** The change was made, but what the caller asked to wait for did not happen in time. */
  TIMED_OUT
}
