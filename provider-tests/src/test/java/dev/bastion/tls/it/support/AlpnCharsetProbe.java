package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Run by {@code AlpnCharsetTest} in a fresh JVM whose security property {@code jdk.tls.alpnCharset}
 * is the first argument (none: unset), set before any TLS class loads (SunJSSE reads it once per
 * JVM). Each client provider against each server provider, TLS 1.3 and 1.2, for each ALPN name
 * (ASCII, ISO-8859-1, beyond ISO-8859-1): the client offers the name; the server either has it as
 * its own protocol ({@code list}) or lets a selector take the first offered ({@code selector}).
 * Prints {@code <client>-<server>-<protocol>-<name index>-<how>.client} / {@code .server} (the
 * negotiated protocol each side reports), {@code .offered} (what the selector was handed) and
 * {@code .error} (the exception's class when the handshake failed).
 */
public final class AlpnCharsetProbe {
    public static final List<String> NAMES = List.of("h2", "\u00e9t\u00e9", "\u2713");

    private AlpnCharsetProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            Security.setProperty("jdk.tls.alpnCharset", args[0]);
        }
        for (String c : new String[] {"SunJSSE", "Bastion"}) {
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    for (int n = 0; n < NAMES.size(); n++) {
                        for (String how : new String[] {"list", "selector"}) {
                            String key = c + "-" + s + "-" + protocol + "-" + n + "-" + how;
                            try {
                                run(key, c, s, protocol, NAMES.get(n), how.equals("selector"));
                            } catch (Exception e) {
                                System.out.println(key + ".error=" + e.getClass().getSimpleName());
                            }
                        }
                    }
                }
            }
        }
        System.out.println("done=true");
    }

    private static void run(String key, String c, String s, String protocol, String name, boolean selector)
            throws Exception {
        SSLEngine client = Credentials.get().context(c, null, false).createSSLEngine("peer.example.org", 443);
        SSLEngine server = Credentials.get().context(s, KeyType.EC_P256, true).createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        SSLParameters p = client.getSSLParameters();
        p.setApplicationProtocols(new String[] {name});
        client.setSSLParameters(p);
        List<String> offered = new ArrayList<>();
        if (selector) {
            server.setHandshakeApplicationProtocolSelector((e, list) -> {
                offered.addAll(list);
                return list.get(0);
            });
        } else {
            SSLParameters sp = server.getSSLParameters();
            sp.setApplicationProtocols(new String[] {name});
            server.setSSLParameters(sp);
        }
        try {
            new EnginePair(client, server).handshake();
        } finally {
            if (selector) {
                System.out.println(key + ".offered=" + escape(offered.toString()));
            }
        }
        System.out.println(key + ".client=" + escape(client.getApplicationProtocol()));
        System.out.println(key + ".server=" + escape(server.getApplicationProtocol()));
    }

    /** Non-ASCII chars as \\uXXXX, so the values survive any console charset. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(ch < 0x80 ? String.valueOf(ch) : String.format("\\u%04x", (int) ch));
        }
        return b.toString();
    }
}
