package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Run by {@code DisableExtensionsTest} in a JVM started with {@code jdk.tls.client.disableExtensions}
 * or {@code jdk.tls.server.disableExtensions} (SunJSSE reads them once per JVM): each client
 * provider against each server provider, both with TLS 1.3 and 1.2 enabled, the client offering
 * ALPN h2 and http/1.1 and naming peer.example.org, the server preferring h2. Prints
 * {@code <client>-<server>.protocol}, {@code .serverSaw} (the server session's requested server
 * names), {@code .clientAlpn} / {@code .serverAlpn}, or {@code .error} (the exception's class).
 * An argument names the one protocol the clients enable instead.
 */
public final class DisableExtensionsProbe {
    private DisableExtensionsProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String c : new String[] {"SunJSSE", "Bastion"}) {
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                String key = c + "-" + s;
                try {
                    run(key, c, s, args.length > 0 ? args[0] : null);
                } catch (Exception e) {
                    System.out.println(key + ".error=" + e.getClass().getSimpleName());
                }
            }
        }
        System.out.println("done=true");
    }

    private static void run(String key, String c, String s, String protocol) throws Exception {
        SSLEngine client = Credentials.get().context(c, null, false).createSSLEngine("peer.example.org", 443);
        if (protocol != null) {
            client.setEnabledProtocols(new String[] {protocol});
        }
        SSLEngine server = Credentials.get().context(s, KeyType.EC_P256, true).createSSLEngine();
        SSLParameters p = client.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(p);
        SSLParameters sp = server.getSSLParameters();
        sp.setApplicationProtocols(new String[] {"h2"});
        server.setSSLParameters(sp);
        new EnginePair(client, server).handshake();
        System.out.println(key + ".protocol=" + client.getSession().getProtocol());
        System.out.println(key + ".serverSaw=" + ((ExtendedSSLSession) server.getSession()).getRequestedServerNames());
        System.out.println(key + ".clientAlpn=" + client.getApplicationProtocol());
        System.out.println(key + ".serverAlpn=" + server.getApplicationProtocol());
    }
}
