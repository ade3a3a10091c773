package dev.bastion.tls.conformance.interop;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a JSSE engine says about its finished handshake, through the standard API only:
 * {@code getSession()} protocol and suite, {@code getApplicationProtocol()}, the peer's and
 * our certificate subjects and key algorithms, and (server side) the requested server names.
 */
public record SessionView(String protocol, String cipherSuite, String applicationProtocol, String peerSubject,
        String peerKeyAlgorithm, String localSubject, String localKeyAlgorithm, List<String> requestedServerNames) {

    /** Reads the view from an engine whose handshake has finished. */
    public static SessionView of(SSLEngine engine) {
        SSLSession s = engine.getSession();
        X509Certificate peer = null;
        try {
            Certificate[] chain = s.getPeerCertificates();
            peer = chain.length > 0 ? (X509Certificate) chain[0] : null;
        } catch (SSLPeerUnverifiedException e) {
            // no peer certificate: a client that did not authenticate
        }
        Certificate[] local = s.getLocalCertificates();
        X509Certificate mine = local != null && local.length > 0 ? (X509Certificate) local[0] : null;
        List<String> names = List.of();
        if (s instanceof ExtendedSSLSession ext && !engine.getUseClientMode()) {
            names = ext.getRequestedServerNames().stream().map(SessionView::name).collect(Collectors.toList());
        }
        return new SessionView(s.getProtocol(), s.getCipherSuite(), engine.getApplicationProtocol(),
                peer == null ? null : peer.getSubjectX500Principal().getName(),
                peer == null ? null : peer.getPublicKey().getAlgorithm(),
                mine == null ? null : mine.getSubjectX500Principal().getName(),
                mine == null ? null : mine.getPublicKey().getAlgorithm(), List.copyOf(names));
    }

    private static String name(SNIServerName n) {
        return n instanceof SNIHostName h ? h.getAsciiName() : n.toString();
    }

    /** One line, for HTTP responses and messages. */
    public String line() {
        return "protocol=" + protocol + " suite=" + cipherSuite + " alpn=" + applicationProtocol
                + " peer=" + peerSubject + " local=" + localSubject + " sni=" + requestedServerNames;
    }
}
