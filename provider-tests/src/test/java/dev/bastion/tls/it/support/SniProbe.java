package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Run by {@code SniPropertyTest} in a JVM started with or without {@code jsse.enableSNIExtension}
 * (SunJSSE reads it once per JVM): each client provider against each server provider, TLS 1.3
 * and 1.2, once with the server name taken from the peer host and once with one the application
 * set (the peer host has a dot: SunJSSE sends no single-label name such as localhost). Prints {@code <client>-<server>-<protocol>-<case>.serverSaw} (the server session's requested
 * server names) and {@code .clientRequested} (the client session's).
 */
public final class SniProbe {
    private SniProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (String c : new String[] {"SunJSSE", "Bastion"}) {
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    for (boolean explicit : new boolean[] {false, true}) {
                        String key = c + "-" + s + "-" + protocol + "-" + (explicit ? "set" : "host");
                        try {
                            run(key, c, s, protocol, explicit);
                        } catch (Exception | AssertionError e) {
                            System.out.println(key + ".error=" + e);
                        }
                    }
                }
            }
        }
        System.out.println("done=true");
    }

    private static void run(String key, String c, String s, String protocol, boolean explicit) throws Exception {
        SSLEngine client = Credentials.get().context(c, null, false).createSSLEngine("peer.example.org", 443);
        SSLEngine server = Credentials.get().context(s, KeyType.EC_P256, true).createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        if (explicit) {
            SSLParameters p = client.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName("www.example.com")));
            client.setSSLParameters(p);
        }
        new EnginePair(client, server).handshake();
        System.out.println(key + ".serverSaw=" + ((ExtendedSSLSession) server.getSession()).getRequestedServerNames());
        System.out.println(key + ".clientRequested=" + ((ExtendedSSLSession) client.getSession()).getRequestedServerNames());
    }
}
