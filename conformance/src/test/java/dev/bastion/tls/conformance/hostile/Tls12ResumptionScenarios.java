package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.conformance.hostile.Expect.completes;

import dev.bastion.tls.crypto.Tls12MasterSecret;
import java.util.Arrays;

/**
 * TLS 1.2 session-id resumption against a server engine (RFC 5246 §7.3, §7.4.1.2): a first
 * connection makes a session on the shared server context, a second offers its id. The
 * abbreviated handshake is the baseline; a client that omits the session's suite from its list
 * (which RFC 5246 §7.4.1.2 says it MUST include) gets a full handshake. The same for session
 * tickets (RFC 5077): the ticket as issued resumes, an altered one gets a full handshake.
 */
final class Tls12ResumptionScenarios {
    private Tls12ResumptionScenarios() {
    }

    /** A session id and master secret from a full handshake with the same server context. */
    private record Session(byte[] id, int suite, byte[] masterSecret) {
    }

    private static Session firstConnection(String provider) {
        Client12Peer first = Client12Peer.connect(provider);
        first.handshake();
        if (first.victim.failure() != null || first.serverHello.sessionId.length == 0) {
            throw new ScriptStop("the first connection made no resumable session: " + first.outcome().summary());
        }
        return new Session(first.serverHello.sessionId, first.serverHello.suite(), first.master.copyForSessionOrKeyLog());
    }

    /** A ticket (RFC 5077 §3.3) and the master secret of the connection that got it. */
    private record Ticket(byte[] ticket, byte[] masterSecret) {
    }

    /** The server's messages up to its Finished, each hashed (a NewSessionTicket is part of the transcript). */
    private static byte[] readUntilFinished(Client12Peer p) {
        for (int i = 0; i < 8; i++) {
            byte[] m = p.nextMessage().orElseThrow(() -> new ScriptStop("the victim sent no server Finished"));
            p.hashed(m);
            if (Peer12.type(m) == Tls.FINISHED) {
                return m;
            }
        }
        throw new ScriptStop("no server Finished within 8 messages");
    }

    /** A full handshake offering an empty session_ticket; the NewSessionTicket's ticket. */
    private static Ticket firstTicket(String provider) {
        Client12Peer p = Client12Peer.connect(provider);
        p.hello(h -> h.add(Ext.of(Tls.EXT_SESSION_TICKET, new byte[0])));
        p.readServerHello();
        p.readServerFlight();
        p.sendKeyExchangeAndFinished();
        byte[] nst = p.expect(Tls.NEW_SESSION_TICKET, "NewSessionTicket");
        In body = new In(nst);
        body.bytes(4 + 4); // header, ticket_lifetime_hint
        return new Ticket(body.vec16().rest(), p.master.copyForSessionOrKeyLog());
    }

    /**
     * The ticket offered again (RFC 5077 §3.4): as issued, an abbreviated handshake; with one byte
     * altered, the ticket does not open and the server does a full handshake (§3.4: it "MAY"
     * fall back to a full handshake), never an error.
     */
    static Scenario ticket(boolean tampered) {
        return Scenario.of(tampered ? "L45" : "L44", "RFC 5077 §3.4",
                tampered ? "session ticket with one byte altered: full handshake" : "session-ticket resumption (abbreviated)",
                provider -> {
                    Ticket t = firstTicket(provider);
                    byte[] offered = t.ticket().clone();
                    if (tampered) {
                        offered[offered.length / 2] ^= 0x01;
                    }
                    byte[] id = new byte[32];
                    Peer.RANDOM.nextBytes(id);
                    Client12Peer p = Client12Peer.connect(provider);
                    p.hello(h -> h.withSessionId(id).add(Ext.of(Tls.EXT_SESSION_TICKET, offered)));
                    p.readServerHello();
                    boolean resumed = Arrays.equals(p.serverHello.sessionId, id);
                    p.note(resumed ? "resumed" : "full handshake");
                    if (!resumed) {
                        p.readServerFlight();
                        p.sendKeyExchangeAndFinished();
                        p.readServerFinished();
                        return p;
                    }
                    p.master = Tls12MasterSecret.fromSession(p.suite, t.masterSecret());
                    p.keys = p.master.keyBlock(p.clientRandom, p.serverRandom);
                    p.expectVictimKey(new RecordCipher12(p.keys.serverWrite()));
                    readUntilFinished(p);
                    p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
                    p.sendHandshake(p.finished());
                    p.sendApplicationData(BaselineScenarios.PING);
                    return p;
                }, p -> { }, completes().and(tampered ? "full handshake" : "resumed, ping delivered",
                        o -> o.notes().equals(tampered ? "full handshake" : "resumed")
                                && (tampered || BaselineScenarios.gotPing(o))));
    }

    /** The baseline: the same suite, the abbreviated handshake (ServerHello, CCS, Finished; CCS, Finished). */
    static Scenario resumes() {
        return Scenario.of("L33", "RFC 5246 §7.3 (abbreviated handshake)", "session-id resumption with the session's suite",
                provider -> {
                    Session s = firstConnection(provider);
                    Client12Peer p = Client12Peer.connect(provider);
                    p.hello(h -> h.sessionId = s.id());
                    p.readServerHello();
                    if (!Arrays.equals(p.serverHello.sessionId, s.id())) {
                        p.note("not resumed");
                        return p;
                    }
                    p.master = Tls12MasterSecret.fromSession(p.suite, s.masterSecret());
                    p.keys = p.master.keyBlock(p.clientRandom, p.serverRandom);
                    p.expectVictimKey(new RecordCipher12(p.keys.serverWrite()));
                    p.hashed(p.expect(Tls.FINISHED, "server Finished"));
                    p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
                    p.sendHandshake(p.finished());
                    p.sendApplicationData(BaselineScenarios.PING);
                    return p;
                }, p -> { }, completes().and("resumed", o -> o.notes().isEmpty())
                        .and("ping delivered", BaselineScenarios::gotPing));
    }

    /** A known session id with a suite list that lacks the session's suite: full handshake. */
    static Scenario otherSuite() {
        return Scenario.of("L34", "RFC 5246 §7.4.1.2", "known session id, but only another suite offered: full handshake",
                provider -> {
                    Session s = firstConnection(provider);
                    Client12Peer p = Client12Peer.connect(provider);
                    p.hello(h -> {
                        h.sessionId = s.id();
                        h.suites.clear();
                        h.suites.add(s.suite() == Tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
                                ? Tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 : Tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
                    });
                    p.readServerHello();
                    if (Arrays.equals(p.serverHello.sessionId, s.id())) {
                        p.note("the server resumed with another suite");
                        return p;
                    }
                    p.readServerFlight();
                    p.sendKeyExchangeAndFinished();
                    p.readServerFinished();
                    return p;
                }, p -> { }, completes().and("a full handshake", o -> o.notes().isEmpty()));
    }
}
