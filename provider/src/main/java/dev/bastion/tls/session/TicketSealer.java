package dev.bastion.tls.session;

import java.util.Optional;

/**
 * What protects a server's session tickets (the ticket keys, which live in {@code crypto}; the
 * {@code SSLContext} joins the two): sealing encrypts and authenticates a ticket's contents,
 * opening gives them back only for a ticket this server's keys sealed and nobody changed.
 */
public interface TicketSealer {

    /** The ticket that carries {@code contents}. */
    byte[] seal(byte[] contents);

    /** The contents of {@code ticket}; empty when it does not open (unknown or retired key, tampered, malformed). */
    Optional<byte[]> open(byte[] ticket);
}
