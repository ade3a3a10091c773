package dev.bastion.tls.conformance.cli;

import dev.bastion.tls.BastionSessions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a finished handshake agreed, as the {@code bastion} commands print it: protocol and
 * suite from the {@code SSLSession}; the group from {@link BastionSessions#namedGroup} (Bastion)
 * or else from the ServerHello on the wire; ALPN; whether the session was resumed (read on the
 * wire, so it means the same for every provider); the peer's certificate chain.
 *
 * @param groupSource {@code "session"} or {@code "wire"}
 */
public record SessionReport(String protocol, String suite, String group, String groupSource, String alpn,
        boolean resumed, boolean helloRetryRequest, List<String> peerChain) {

    private static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"), Map.entry(0x0018, "secp384r1"), Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"), Map.entry(0x001e, "x448"), Map.entry(0x0100, "ffdhe2048"),
            Map.entry(0x0101, "ffdhe3072"), Map.entry(0x0102, "ffdhe4096"), Map.entry(0x0103, "ffdhe6144"),
            Map.entry(0x0104, "ffdhe8192"), Map.entry(0x11ec, "X25519MLKEM768"),
            Map.entry(0x11eb, "SecP256r1MLKEM768"), Map.entry(0x11ed, "SecP384r1MLKEM1024"));

    public SessionReport {
        peerChain = List.copyOf(peerChain);
    }

    /** The report for an engine whose handshake finished, with what {@code wire} saw. */
    public static SessionReport of(SSLEngine engine, HelloSniffer wire) {
        SSLSession s = engine.getSession();
        String group = BastionSessions.namedGroup(s).orElse(null);
        String source = "session";
        if (group == null) {
            source = "wire";
            group = wire.group().map(g -> GROUPS.getOrDefault(g, String.format("0x%04x", g)))
                    .orElse(wire.resumed() ? "none (resumed without a key exchange)" : "unknown");
        }
        String alpn = engine.getApplicationProtocol();
        return new SessionReport(s.getProtocol(), s.getCipherSuite(), group, source,
                alpn == null || alpn.isEmpty() ? "none" : alpn, wire.resumed(), wire.helloRetryRequest(), chain(s));
    }

    /** The lines the client prints. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("protocol:    " + protocol);
        out.add("suite:       " + suite);
        out.add("group:       " + group + (groupSource.equals("wire") ? " (from the ServerHello on the wire)" : "")
                + (helloRetryRequest ? " after a HelloRetryRequest" : ""));
        out.add("alpn:        " + alpn);
        out.add("resumed:     " + (resumed ? "yes" : "no"));
        if (peerChain.isEmpty()) {
            out.add("peer chain:  none");
        }
        for (int i = 0; i < peerChain.size(); i++) {
            out.add((i == 0 ? "peer chain:  " : "             ") + i + ": " + peerChain.get(i));
        }
        return out;
    }

    /** One line, for the server's log and its page. */
    public String oneLine() {
        return "protocol=" + protocol + " suite=" + suite + " group=" + group.replace(' ', '_') + " alpn=" + alpn
                + " resumed=" + (resumed ? "yes" : "no") + " hrr=" + (helloRetryRequest ? "yes" : "no")
                + " peer=" + (peerChain.isEmpty() ? "none" : peerChain.get(0).replace(' ', '_'));
    }

    private static List<String> chain(SSLSession s) {
        List<String> out = new ArrayList<>();
        try {
            for (Certificate c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x.getSubjectX500Principal().getName());
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no certificate from the peer (a client that did not authenticate)
        }
        return out;
    }
}
