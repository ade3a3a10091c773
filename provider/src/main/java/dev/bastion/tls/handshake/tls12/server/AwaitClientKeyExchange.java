package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.tls12.common.MasterSecrets;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client's ClientKeyExchange comes next (RFC 5246 §7.4.7): the premaster secret
 * ({@link KeyExchangeSecret#premaster}), the master secret (extended over the transcript
 * through this message when both sides use it, RFC 7627 §4) and the key block. A client that
 * sent a certificate owes a CertificateVerify; one that did not goes straight to its
 * ChangeCipherSpec.
 */
final class AwaitClientKeyExchange implements ServerState {
    private final Progress progress;
    private final KeyExchangeSecret secret;
    private final Optional<ClientSigner> signer;

    AwaitClientKeyExchange(Progress progress, KeyExchangeSecret secret, Optional<ClientSigner> signer) {
        this.progress = progress;
        this.secret = secret;
        this.signer = signer;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        ClientKeyExchange cke = Expect.one(message, ClientKeyExchange.class, "AwaitClientKeyExchange");
        Tls12MasterSecret master;
        byte[] premaster = null;
        try {
            premaster = secret.premaster(cke, progress.hello().legacyVersion(), io);
            master = MasterSecrets.derive(progress.suite(), premaster, progress.extendedMasterSecret(),
                    progress.clientRandom(), progress.serverRandom().toByteArray(), io.transcript().current(), io);
        } finally {
            secret.close();
            if (premaster != null) {
                Arrays.fill(premaster, (byte) 0);
            }
        }
        Tls12KeyBlock keys = master.keyBlock(progress.clientRandom(), progress.serverRandom().toByteArray());
        if (signer.isPresent()) {
            return new AwaitClientCertificateVerify(progress, master, keys, signer.get(), io.transcript().messages());
        }
        if (progress.config().clientAuth() != ClientAuth.NONE) {
            io.transcript().dropMessages();
        }
        return new AwaitClientCcs(progress, master, keys, Optional.empty());
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
