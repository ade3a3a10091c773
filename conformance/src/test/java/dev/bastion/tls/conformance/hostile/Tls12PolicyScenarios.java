package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.HANDSHAKE_FAILURE;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;

import java.util.List;
import java.util.Map;

/**
 * The extended master secret required (RFC 7627 §5.2, §5.3): Bastion contexts made with
 * {@code jdk.tls.allowLegacyMasterSecret=false} (through Bastion's per-context properties; other
 * providers read the JVM's, so these scenarios are Bastion's only) refuse a peer without it with
 * handshake_failure, and still complete with a peer that uses it.
 */
final class Tls12PolicyScenarios {
    private static final Map<String, String> STRICT = Map.of("jdk.tls.allowLegacyMasterSecret", "false");

    private Tls12PolicyScenarios() {
    }

    private static Client12Peer strictServer(String provider) {
        return Client12Peer.start(Victims.withProperties(provider, false, Peer12.TLS12, STRICT));
    }

    private static Server12Peer strictClient(String provider) {
        return Server12Peer.start(Victims.withProperties(provider, true, Peer12.TLS12, STRICT));
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("L42", "RFC 7627 §5.3 (jdk.tls.allowLegacyMasterSecret=false)",
                        "ClientHello without extended_master_secret to a server that requires it", Tls12PolicyScenarios::strictServer,
                        p -> p.hello(h -> h.remove(Tls.EXT_EXTENDED_MASTER_SECRET)),
                        handshakeAlert(HANDSHAKE_FAILURE, "allowLegacyMasterSecret=false")),
                Scenario.of("L43", "RFC 7627 §5.3", "ClientHello with extended_master_secret to a server that requires it",
                        Tls12PolicyScenarios::strictServer, Client12Peer::handshake, completes()),
                Scenario.of("M37", "RFC 7627 §5.2 (jdk.tls.allowLegacyMasterSecret=false)",
                        "ServerHello without extended_master_secret to a client that requires it", Tls12PolicyScenarios::strictClient,
                        p -> p.sendHandshake(p.hello(p.serverHello().remove(Tls.EXT_EXTENDED_MASTER_SECRET)), p.certificate(),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(HANDSHAKE_FAILURE, "allowLegacyMasterSecret=false")),
                Scenario.of("M38", "RFC 7627 §5.2", "ServerHello with extended_master_secret to a client that requires it",
                        Tls12PolicyScenarios::strictClient, Server12Peer::handshake, completes()));
    }
}
