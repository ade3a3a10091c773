package dev.bastion.tls.handshake;

import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.session.Tls12Session;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client offered, shared by both versions' client states: its configuration, the
 * ClientHello it sent, the session as known when the hello went out, and the TLS 1.2 session it
 * offered to resume ({@link ClientResumption}). A client that offered TLS 1.3 and TLS 1.2 in one
 * hello hands this to the TLS 1.2 client when the ServerHello picks TLS 1.2.
 */
public record ClientOffer(HandshakeConfig config, ClientHello hello, Negotiated negotiated,
        Optional<Tls12Session> resumption) {
    public ClientOffer {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(hello, "hello");
        Objects.requireNonNull(negotiated, "negotiated");
        Objects.requireNonNull(resumption, "resumption");
    }

    /** An offer that resumes nothing. */
    public ClientOffer(HandshakeConfig config, ClientHello hello, Negotiated negotiated) {
        this(config, hello, negotiated, Optional.empty());
    }

    /** The client's random. */
    public byte[] clientRandom() {
        return hello.random().toByteArray();
    }
}
