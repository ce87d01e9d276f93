package io.tenet.persistence.cassandra;

/** A local Cassandra did not come up; the message ends with the tail of its output. */
public class LocalCassandraStartException extends RuntimeException {

    public LocalCassandraStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
