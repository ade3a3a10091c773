package dev.bastion.tls.handshake;

import dev.bastion.tls.message.ClientHello;
import java.util.Objects;

/**
 * What a client offered, shared by both versions' client states: its configuration, the
 * ClientHello it sent and the session as known when the hello went out. A client that offered
 * TLS 1.3 and TLS 1.2 in one hello hands this to the TLS 1.2 client when the ServerHello picks
 * TLS 1.2.
 */
public record ClientOffer(HandshakeConfig config, ClientHello hello, Negotiated negotiated) {
    public ClientOffer {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(hello, "hello");
        Objects.requireNonNull(negotiated, "negotiated");
    }

    /** The client's random. */
    public byte[] clientRandom() {
        return hello.random().toByteArray();
    }
}
