package dev.bastion.tls.handshake;

import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.SessionTicket;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client puts in its ClientHello to resume a session ({@link ClientHellos#build}).
 *
 * @param sessionTicket TLS 1.2 session_ticket (RFC 5077 §3.2): empty to offer none, else the
 *     ticket (an empty ticket: the client supports tickets but has none for this server)
 * @param pskKe whether psk_key_exchange_modes lists psk_ke besides psk_dhe_ke (RFC 8446 §4.2.9)
 * @param preSharedKey the TLS 1.3 pre_shared_key (RFC 8446 §4.2.11; binders may be placeholders)
 */
public record HelloResumption(Optional<SessionTicket> sessionTicket, boolean pskKe,
        Optional<PreSharedKeyClientHello> preSharedKey) {
    /** No resumption at all. */
    public static final HelloResumption NONE = new HelloResumption(Optional.empty(), false, Optional.empty());

    public HelloResumption {
        Objects.requireNonNull(sessionTicket, "sessionTicket");
        Objects.requireNonNull(preSharedKey, "preSharedKey");
    }
}
