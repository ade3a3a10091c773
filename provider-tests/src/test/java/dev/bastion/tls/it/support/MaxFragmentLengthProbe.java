package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Run by {@code MaxFragmentLengthTest} in a fresh JVM, with or without
 * {@code jsse.enableMFLNExtension=true} (SunJSSE reads it once per JVM, Bastion once per
 * context): a SunJSSE or Bastion client whose maximum packet size is 800 bytes (so that, with the
 * property, it asks for max_fragment_length 2^9) against a SunJSSE and a Bastion server, with an
 * RSA certificate, TLS 1.3 and 1.2; with the argument {@code clientAuth} the server needs the
 * client's RSA certificate too. Prints {@code <client>><server>-<protocol>.largestRecord} (the
 * longest record in the server's handshake bytes, header excluded), {@code .largestClientRecord}
 * (the same for the client's records after those that carry its ClientHello, which go out before
 * any length is agreed) and {@code .error}.
 */
public final class MaxFragmentLengthProbe {
    private MaxFragmentLengthProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean clientAuth = args.length > 0 && args[0].equals("clientAuth");
        for (String c : new String[] {"SunJSSE", "Bastion"}) {
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    String key = c + ">" + s + "-" + protocol;
                    try {
                        SSLEngine client = Credentials.get().context(c, clientAuth ? KeyType.RSA : null, false)
                                .createSSLEngine("peer.example.org", 443);
                        SSLEngine server = Credentials.get().context(s, KeyType.RSA, true).createSSLEngine();
                        server.setNeedClientAuth(clientAuth);
                        client.setEnabledProtocols(new String[] {protocol});
                        SSLParameters p = client.getSSLParameters();
                        p.setMaximumPacketSize(800);
                        client.setSSLParameters(p);
                        EnginePair pair = new EnginePair(client, server).handshake();
                        System.out.println(key + ".largestRecord=" + largestRecord(pair.handshakeBytes(false)));
                        System.out.println(key + ".largestClientRecord=" + largestRecordAfterClientHello(pair.handshakeBytes(true)));
                    } catch (Exception e) {
                        System.out.println(key + ".error=" + e);
                    }
                }
            }
        }
        System.out.println("done=true");
    }

    /** {@link #largestRecord} of the records after those the ClientHello (the first message) fills. */
    private static int largestRecordAfterClientHello(byte[] wire) {
        int helloLength = 4 + (((wire[6] & 0xFF) << 16) | ((wire[7] & 0xFF) << 8) | (wire[8] & 0xFF));
        int at = 0;
        for (int carried = 0; carried < helloLength && at + 5 <= wire.length; ) {
            int length = ((wire[at + 3] & 0xFF) << 8) | (wire[at + 4] & 0xFF);
            carried += length;
            at += 5 + length;
        }
        return largestRecord(java.util.Arrays.copyOfRange(wire, at, wire.length));
    }

    private static int largestRecord(byte[] wire) {
        int largest = 0;
        for (int at = 0; at + 5 <= wire.length; ) {
            int length = ((wire[at + 3] & 0xFF) << 8) | (wire[at + 4] & 0xFF);
            largest = Math.max(largest, length);
            at += 5 + length;
        }
        return largest;
    }
}
