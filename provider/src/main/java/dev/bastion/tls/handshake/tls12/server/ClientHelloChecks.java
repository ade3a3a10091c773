package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import java.util.Optional;

/**
 * The TLS 1.2 server's checks of a ClientHello (the version is already chosen): null among the
 * compression methods (RFC 5246 §7.4.1.2), an empty renegotiation_info on this initial handshake
 * (RFC 5746 §3.6), and uncompressed points among ec_point_formats (RFC 8422 §5.1.2).
 */
final class ClientHelloChecks {
    private ClientHelloChecks() {
    }

    static void check(ClientHello ch) {
        if (!ch.offersNullCompression()) {
            throw TlsAlert.illegalParameter("ClientHello.compression_methods " + ch.legacyCompressionMethods()
                    + " lacks null(0), which RFC 5246 §7.4.1.2 requires");
        }
        Optional<RenegotiationInfo> ri = ch.extensions().renegotiationInfo();
        if (ri.isPresent() && ri.get().renegotiatedConnection().length() != 0) {
            throw TlsAlert.handshakeFailure("ClientHello renegotiation_info carries "
                    + ri.get().renegotiatedConnection() + " on an initial handshake, must be empty (RFC 5746 §3.6)");
        }
        Optional<EcPointFormats> formats = ch.extensions().get(EcPointFormats.class);
        if (formats.isPresent() && !formats.get().containsUncompressed()) {
            throw TlsAlert.illegalParameter("ClientHello ec_point_formats " + formats.get().formats()
                    + " lacks uncompressed(0) (RFC 8422 §5.1.2)");
        }
    }

    /**
     * Whether the client signals secure renegotiation (RFC 5746 §3.6): the
     * TLS_EMPTY_RENEGOTIATION_INFO_SCSV or an empty renegotiation_info. The ServerHello then
     * carries an empty renegotiation_info. A client without either is still served, as SunJSSE
     * serves it: this server never renegotiates, so there is nothing to splice into.
     */
    static boolean secureRenegotiation(ClientHello ch) {
        return ch.offersCipherSuite(ClientHellos.EMPTY_RENEGOTIATION_INFO_SCSV)
                || ch.extensions().renegotiationInfo().isPresent();
    }
}
