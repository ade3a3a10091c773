package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.PreSharedKeyServerHello;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import java.util.Optional;

/**
 * The client's checks of a ServerHello's pre_shared_key (RFC 8446 §4.2.11): "Clients MUST verify
 * that the server's selected_identity is within the range supplied by the client, that the
 * server selected a cipher suite indicating a Hash associated with the PSK, and that a server
 * "key_share" extension is present if required by the ClientHello "psk_key_exchange_modes"
 * extension." A pre_shared_key the client never offered was already refused as unsolicited
 * (unsupported_extension).
 */
final class PskChecks {
    private PskChecks() {
    }

    /** The accepted PSK; empty when the server did not select one (a full handshake). */
    static Optional<PskOffer> accepted(Offer offer, ServerHello sh, CipherSuite suite) {
        Optional<PreSharedKeyServerHello> selected = sh.extensions().preSharedKeyServerHello();
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        PskOffer psk = offer.psk().orElseThrow(() -> new TlsAlert(AlertDescription.UNSUPPORTED_EXTENSION,
                "ServerHello selected a PSK, but the client offered none (RFC 8446 §4.2.11)"));
        int index = selected.get().selectedIdentity();
        if (index != 0) {
            throw TlsAlert.illegalParameter("ServerHello selected PSK identity " + index
                    + ", but the client offered only identity 0 (RFC 8446 §4.2.11)");
        }
        if (suite.hash() != psk.hash()) {
            throw TlsAlert.illegalParameter("ServerHello selected " + suite + " with the PSK of a " + psk.hash()
                    + " ticket; the suite's hash must be the PSK's (RFC 8446 §4.2.11)");
        }
        boolean pskKeOffered = offer.hello().extensions().pskKeyExchangeModes()
                .map(m -> m.allows(PskKeyExchangeModes.PSK_KE)).orElse(false);
        if (sh.extensions().keyShareServerHello().isEmpty() && !pskKeOffered) {
            throw new TlsAlert(AlertDescription.MISSING_EXTENSION, "ServerHello resumes with a PSK but has no"
                    + " key_share, and the client offered only psk_dhe_ke (RFC 8446 §4.2.9, §4.2.11)");
        }
        return Optional.of(psk);
    }
}
