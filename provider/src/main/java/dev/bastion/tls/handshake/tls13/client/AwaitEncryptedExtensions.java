package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.MaxFragmentLengths;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.MessageKind;
import java.util.List;
import java.util.Optional;

/**
 * The ServerHello is accepted and the server's messages are protected; EncryptedExtensions
 * comes next (RFC 8446 §4.3.1), then the server's certificate, or when it resumed with the
 * offered ticket directly its Finished. Every extension in it must answer one the client sent
 * (unsupported_extension, §4.2); duplicates and extensions that may not appear in EE were
 * refused by the decoder (illegal_parameter). The ALPN answer must be a protocol the client
 * offered (RFC 7301 §3.2).
 */
final class AwaitEncryptedExtensions implements ClientState {
    private final Progress progress;

    AwaitEncryptedExtensions(Progress progress) {
        this.progress = progress;
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        EncryptedExtensions ee = Expect.one(message, EncryptedExtensions.class, "AwaitEncryptedExtensions");
        ee.extensions().requireSolicited(progress.hello().extensions(), MessageKind.ENCRYPTED_EXTENSIONS);
        MaxFragmentLengths.accept(progress.hello().extensions(), ee.extensions(), "EncryptedExtensions", io);
        Optional<String> protocol = Optional.empty();
        Optional<Alpn> alpn = ee.extensions().alpn();
        if (alpn.isPresent()) {
            String chosen = alpn.get().protocolNames().get(0);
            List<String> offered = progress.hello().extensions().alpn().map(Alpn::protocolNames).orElse(List.of());
            if (!offered.contains(chosen)) {
                throw TlsAlert.illegalParameter("server selected application protocol \"" + chosen
                        + "\", which was not offered (offered: " + offered + ", RFC 7301 §3.2)");
            }
            protocol = Optional.of(chosen);
        }
        Negotiated n = progress.negotiated().withApplicationProtocol(protocol);
        io.handshakeSession(n);
        if (progress.resumed().isPresent()) {
            // RFC 8446 §2.2: the PSK authenticates the server; no Certificate, CertificateVerify
            // or CertificateRequest (§4.3.2) may come
            return new AwaitServerFinished(progress.with(n), Optional.empty(), Optional.empty(),
                    io.transcript().current());
        }
        return new AwaitCertificateOrCertificateRequest(progress.with(n));
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return true;
    }
}
