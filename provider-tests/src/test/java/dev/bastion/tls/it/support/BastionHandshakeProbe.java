package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import javax.net.ssl.SSLEngine;

/**
 * One TLS 1.3 handshake between a Bastion client and a Bastion server engine, in a fresh JVM
 * started with whatever debugging switches the test gives; prints {@code protocol=} and
 * {@code done=true}. Whatever the provider logs goes to the JVM's standard error.
 */
public final class BastionHandshakeProbe {
    private BastionHandshakeProbe() {
    }

    public static void main(String[] args) throws Exception {
        SSLEngine client = Credentials.get().context("Bastion", null, false).createSSLEngine("peer.example.org", 443);
        SSLEngine server = Credentials.get().context("Bastion", KeyType.EC_P256, true).createSSLEngine();
        new EnginePair(client, server).handshake();
        System.out.println("protocol=" + client.getSession().getProtocol());
        System.out.println("done=true");
    }
}
