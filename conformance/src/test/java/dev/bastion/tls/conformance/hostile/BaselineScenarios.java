package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The hostile peer behaving: each role completes a correct handshake and exchanges data, so that
 * every failing scenario fails because of its one distortion, not because of the peer.
 */
final class BaselineScenarios {
    static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private BaselineScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                againstServer("B01", "RFC 8446 §2", "correct handshake and data, peer is the client", p -> {
                    p.handshake();
                    p.sendApplicationData(PING);
                    p.victim.write(PING);
                    if (!Arrays.equals(p.applicationDataFromVictim(), PING)) {
                        p.note("peer did not read the server's ping");
                    }
                }, Expect.completes().and("server got ping", BaselineScenarios::gotPing)
                        .and("no notes", o -> o.notes().isEmpty())),
                againstClient("B02", "RFC 8446 §2", "correct handshake and data, peer is the server", p -> {
                    p.handshake();
                    p.sendApplicationData(PING);
                    p.victim.write(PING);
                    if (!Arrays.equals(p.applicationDataFromVictim(), PING)) {
                        p.note("peer did not read the client's ping");
                    }
                }, Expect.completes().and("client got ping", BaselineScenarios::gotPing)
                        .and("no notes", o -> o.notes().isEmpty())));
    }

    static boolean gotPing(Outcome o) {
        return Arrays.equals(o.applicationData(), PING);
    }
}
