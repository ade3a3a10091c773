package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.codec.AlertDescription.UNSUPPORTED_EXTENSION;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import dev.bastion.tls.conformance.hostile.Exts.Share;
import dev.bastion.tls.crypto.NamedGroup;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * HelloRetryRequest abuse (RFC 8446 §4.1.4, §4.1.2, §4.2.2, §4.2.8) from both sides. Against a
 * server: the hostile client offers no key share, gets a HelloRetryRequest for X25519, and
 * changes its second ClientHello in ways the RFC forbids. Against a client: the hostile server
 * retries for secp384r1 (a group both providers support but send no share for), twice, for
 * nothing, for a group already shared or never offered, with a cookie. Also the client's early
 * data a server skips until the second ClientHello (RFC 8446 §4.2.10).
 */
final class HelloRetryScenarios {
    private HelloRetryScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(againstServers(), againstClients());
    }

    /** Against a server: the second ClientHello changed in ways RFC 8446 §4.1.2 forbids. */
    private static List<Scenario> againstServers() {
        return List.of(
                retry("Q01", "RFC 8446 §4.1.4", "correct second ClientHello after HelloRetryRequest", (p, h) -> { },
                        completes()),
                retry("Q02", "RFC 8446 §4.1.2, §4.2.8", "second ClientHello again without a key share",
                        (p, h) -> h.put(Exts.keyShares()), handshakeAlert(ILLEGAL_PARAMETER, "key share")),
                retry("Q03", "RFC 8446 §4.1.2", "second ClientHello with other cipher suites",
                        (p, h) -> h.suites.remove(0), handshakeAlert(ILLEGAL_PARAMETER, "cipher_suites")),
                retry("Q04", "RFC 8446 §4.1.2", "second ClientHello with a new random",
                        (p, h) -> h.random = Bytes.filled(32, 7), handshakeAlert(ILLEGAL_PARAMETER, "random")),
                retry("Q05", "RFC 8446 §4.1.2, §4.2.2", "second ClientHello with a cookie the server never sent",
                        (p, h) -> h.add(Exts.cookie(new byte[] {1, 2, 3})), handshakeAlert(ILLEGAL_PARAMETER, "cookie")),
                retry("Q06", "RFC 8446 §4.2.8", "second ClientHello with a share for another group (secp256r1)",
                        (p, h) -> h.put(Exts.keyShares(new Share(Tls.SECP256R1,
                                NamedGroup.SECP256R1.generate(Peer.RANDOM).publicValue()))),
                        handshakeAlert(ILLEGAL_PARAMETER, "key share")),
                retry("Q07", "RFC 8446 §4.2.10", "second ClientHello with early_data",
                        (p, h) -> h.add(Exts.empty(Tls.EXT_EARLY_DATA)), handshakeAlert(ILLEGAL_PARAMETER, "early_data")),
                retry("Q08", "RFC 8446 §4.1.2", "second ClientHello with other supported_groups",
                        (p, h) -> h.put(Exts.supportedGroups(Tls.X25519)), handshakeAlert(ILLEGAL_PARAMETER, "extensions")),
                retry("Q09", "RFC 8446 §4.1.2", "second ClientHello with an added extension",
                        (p, h) -> h.add(Ext.of(0x7777, new byte[0])), handshakeAlert(ILLEGAL_PARAMETER, "extensions")),
                retry("Q10", "RFC 8446 §5, §D.4", "change_cipher_spec between HelloRetryRequest and second ClientHello",
                        (p, h) -> p.sendCcs(), completes()),
                againstServer("Q11", "RFC 8446 §4.1.2", "a ClientHello in the second flight after a full handshake's ServerHello",
                        p -> {
                            p.upToClientFinished();
                            p.useHandshakeKey();
                            p.sendHandshake(p.clientHello().encode());
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "ClientHello")),
                earlyData("Q12", "early_data, CCS and 0-RTT records (one full-size) before the HelloRetryRequest: skipped",
                        true, new int[] {100, 16_401}, completes()),
                earlyData("Q13", "early_data and 0-RTT records beyond the 64 KiB skip budget before the HelloRetryRequest",
                        true, new int[] {16_000, 16_000, 16_000, 16_000, 16_000},
                        handshakeAlert(UNEXPECTED_MESSAGE, "application_data")),
                earlyData("Q14", "no early_data offered, yet an application_data record before the second ClientHello",
                        false, new int[] {100}, handshakeAlert(UNEXPECTED_MESSAGE, "application_data")));
    }

    /**
     * Against a server (RFC 8446 §4.2.10): a ClientHello without shares, with or without
     * early_data, then as OpenSSL's {@code s_client -early_data} sends them a compatibility CCS
     * and application_data records of the given sizes (opaque 0-RTT ciphertext; the server has
     * no keys yet); after the HelloRetryRequest a correct second ClientHello (never early_data).
     * "The server ... MUST ignore the early data by skipping all records with an external content
     * type of application_data", up to its skip budget.
     */
    private static Scenario earlyData(String id, String title, boolean offer, int[] sizes, Expect expect) {
        return againstServer(id, "RFC 8446 §4.2.10, §4.1.4", title, p -> {
            Hello h = p.clientHello();
            h.put(Exts.keyShares());
            if (offer) {
                h.add(Exts.empty(Tls.EXT_EARLY_DATA));
            }
            p.sendClientHello(h);
            p.sendCcs();
            for (int size : sizes) {
                p.sendRaw(new Rec(Tls.APPLICATION_DATA, Tls.TLS12, Bytes.filled(size, 0x5A)).encode());
            }
            HelloView hrr = p.readServerHello();
            if (!hrr.isHelloRetryRequest()) {
                throw new ScriptStop("the server sent a ServerHello, not a HelloRetryRequest");
            }
            int group = hrr.selectedGroup().orElseThrow(() -> new ScriptStop("HelloRetryRequest without key_share"));
            h.put(Exts.keyShares(new Share(group, p.share(group).publicValue())));
            hrr.cookie().ifPresent(c -> h.put(Exts.cookie(c)));
            h.remove(Tls.EXT_EARLY_DATA); // RFC 8446 §4.1.2: removed after a HelloRetryRequest
            p.sendClientHello(h);
            p.finishHandshake();
        }, expect);
    }

    /** Against a client: HelloRetryRequests it must refuse, and the ServerHello after one. */
    private static List<Scenario> againstClients() {
        return List.of(
                retried("Y01", "RFC 8446 §4.1.4", "HelloRetryRequest for secp384r1, then a full handshake", p -> {
                    p.sendServerHello(p.serverHello(Tls.SECP384R1));
                    p.sendFlight(p.flight());
                    p.expect(Tls.FINISHED, "client Finished");
                }, h -> { }, completes()),
                againstClient("Y02", "RFC 8446 §4.2.2", "HelloRetryRequest with a cookie: echoed, then a full handshake", p -> {
                    byte[] cookie = Bytes.filled(40, 0x5C);
                    p.sendHelloRetryRequest(p.helloRetryRequest(Tls.SECP384R1).add(Exts.cookie(cookie)));
                    if (!Arrays.equals(p.clientHello.cookie().orElse(new byte[0]), cookie)) {
                        p.note("the second ClientHello does not echo the cookie");
                    }
                    p.sendServerHello(p.serverHello(Tls.SECP384R1));
                    p.sendFlight(p.flight());
                    p.expect(Tls.FINISHED, "client Finished");
                }, completes().and("cookie echoed", o -> o.notes().isEmpty())),
                retried("Y03", "RFC 8446 §4.1.4", "a second HelloRetryRequest",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, p.helloRetryRequest(Tls.SECP384R1).encode())), h -> { },
                        handshakeAlert(UNEXPECTED_MESSAGE, "second HelloRetryRequest")),
                hrr("Y04", "RFC 8446 §4.1.4", "HelloRetryRequest that would not change the ClientHello",
                        h -> h.remove(Tls.EXT_KEY_SHARE), handshakeAlert(ILLEGAL_PARAMETER, "neither")),
                hrr("Y05", "RFC 8446 §4.2.8", "HelloRetryRequest for X25519, already shared",
                        h -> h.put(Exts.selectedGroup(Tls.X25519)), handshakeAlert(ILLEGAL_PARAMETER, "already")),
                hrr("Y06", "RFC 8446 §4.2.8", "HelloRetryRequest for a group the client does not support",
                        h -> h.put(Exts.selectedGroup(0x0ABC)), handshakeAlert(ILLEGAL_PARAMETER, "supported_groups")),
                hrr("Y07", "RFC 8446 §4.1.4", "HelloRetryRequest with a cipher suite not offered",
                        h -> h.suites.set(0, Tls.TLS_AES_128_CCM_SHA256), handshakeAlert(ILLEGAL_PARAMETER, "not offered")),
                hrr("Y08", "RFC 8446 §4.1.4", "HelloRetryRequest with an unknown extension",
                        h -> h.add(Ext.of(0x7777, new byte[0])), handshakeAlert(UNSUPPORTED_EXTENSION, "not offered")),
                hrr("Y09", "RFC 8446 §4.2.1", "HelloRetryRequest selecting TLS 1.2 in supported_versions",
                        h -> h.put(Exts.selectedVersion(Tls.TLS12)), handshakeAlert(ILLEGAL_PARAMETER, "supported_versions")),
                hrr("Y10", "RFC 8446 §4.1.3, §4.1.4", "HelloRetryRequest with a wrong legacy_session_id_echo",
                        h -> h.sessionId = new byte[32], handshakeAlert(ILLEGAL_PARAMETER, "legacy_session_id")),
                retried("Y11", "RFC 8446 §4.1.4", "ServerHello after HelloRetryRequest with another cipher suite",
                        p -> p.sendServerHello(suite(p.serverHello(Tls.SECP384R1), Tls.TLS_AES_256_GCM_SHA384)), h -> { },
                        handshakeAlert(ILLEGAL_PARAMETER, "HelloRetryRequest selected")),
                retried("Y12", "RFC 8446 §4.2.8", "ServerHello after HelloRetryRequest with a share for another group",
                        p -> {
                            Hello h = p.serverHello(Tls.SECP384R1);
                            h.put(Exts.serverShare(Tls.X25519, NamedGroup.X25519.generate(Peer.RANDOM).publicValue()));
                            p.sendServerHello(h);
                        }, h -> { }, handshakeAlert(ILLEGAL_PARAMETER, "key share")));
    }

    /** Against a server: ClientHello without shares, HelloRetryRequest, then the edited second ClientHello. */
    private static Scenario retry(String id, String rfc, String title, BiConsumer<ClientPeer, Hello> second,
            Expect expect) {
        return againstServer(id, rfc, title, p -> {
            Hello h = p.clientHello();
            h.put(Exts.keyShares());
            p.sendClientHello(h);
            HelloView hrr = p.readServerHello();
            if (!hrr.isHelloRetryRequest()) {
                throw new ScriptStop("the server sent a ServerHello, not a HelloRetryRequest");
            }
            int group = hrr.selectedGroup().orElseThrow(() -> new ScriptStop("HelloRetryRequest without key_share"));
            h.put(Exts.keyShares(new Share(group, p.share(group).publicValue())));
            hrr.cookie().ifPresent(c -> h.put(Exts.cookie(c))); // RFC 8446 §4.2.2 (SunJSSE sends one)
            second.accept(p, h);
            p.sendClientHello(h);
            p.finishHandshake();
        }, expect);
    }

    /** Against a client: a HelloRetryRequest for secp384r1 edited by {@code edit}, then {@code then}. */
    private static Scenario retried(String id, String rfc, String title, Consumer<ServerPeer> then, Consumer<Hello> edit,
            Expect expect) {
        return againstClient(id, rfc, title, p -> {
            Hello hrr = p.helloRetryRequest(Tls.SECP384R1);
            edit.accept(hrr);
            p.sendHelloRetryRequest(hrr);
            then.accept(p);
        }, expect);
    }

    /** Against a client: only the edited HelloRetryRequest. */
    private static Scenario hrr(String id, String rfc, String title, Consumer<Hello> edit, Expect expect) {
        return retried(id, rfc, title, p -> { }, edit, expect);
    }

    private static Hello suite(Hello h, int suite) {
        h.suites.set(0, suite);
        return h;
    }
}
