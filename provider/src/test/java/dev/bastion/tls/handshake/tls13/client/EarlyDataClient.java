package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.EarlyData;
import dev.bastion.tls.message.ext.Opaque;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests: Bastion's TLS 1.3 client, but its ClientHello also carries early_data (RFC 8446
 * §4.2.10), as a client that means to send 0-RTT data would. Bastion's own client never does.
 */
public final class EarlyDataClient {
    private EarlyDataClient() {
    }

    public static Handshaker handshaker(HandshakeConfig config) {
        return StateMachine.startingWith(Side.CLIENT, io -> {
            List<KeyShare> shares = new ArrayList<>();
            for (NamedGroup g : config.keyShareGroups()) {
                shares.add(g.generate(io.random()));
            }
            ClientHello plain = ClientHellos.build(config, Opaque.of(Tls13Client.bytes(io.random(), 32)),
                    Opaque.of(Tls13Client.bytes(io.random(), 32)), Tls13Client.entries(shares));
            ClientHello hello = new ClientHello(plain.legacyVersion(), plain.random(), plain.legacySessionId(),
                    plain.cipherSuites(), plain.legacyCompressionMethods(), plain.extensions().plus(new EarlyData()));
            return Tls13Client.startWith(config, hello, shares, io);
        });
    }
}
