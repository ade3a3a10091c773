package dev.bastion.tls.conformance;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.Encapsulation;
import dev.bastion.tls.crypto.HandshakeSecret;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.MasterSecret;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.Tls13Protection;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * What the foundation can do today, end to end through Bastion's own layers: find the
 * provider through its ServiceLoader registration, agree a hybrid post-quantum key
 * (X25519MLKEM768), run the TLS 1.3 key schedule on both sides, and carry an HTTP response in
 * a protected TLS 1.3 record from "server" to "client". No handshake messages are exchanged
 * yet (the TLS 1.3 engine is the next issue), so both sides live in this one process.
 */
final class FoundationDemo {
    private FoundationDemo() {
    }

    static void run(PrintStream out) {
        Provider bastion = HttpsDemo.install();
        out.println("provider:    " + bastion.getName() + " " + bastion.getVersionStr() + " (" + bastion.getInfo() + ")");

        SecureRandom random = new SecureRandom();
        NamedGroup group = NamedGroup.X25519MLKEM768;
        CipherSuite suite = CipherSuite.TLS_AES_128_GCM_SHA256;
        TranscriptHash clientTranscript = TranscriptHash.of(suite.hash());
        TranscriptHash serverTranscript = TranscriptHash.of(suite.hash());

        try (KeyShare client = group.generate(random)) {
            byte[] clientShare = client.publicValue();
            Encapsulation server = group.encapsulate(clientShare, random);
            byte[] clientSecret = client.agree(server.publicValue());
            out.println("group:       " + group.jsseName() + " (client share " + clientShare.length
                    + " bytes, server share " + server.publicValue().length + " bytes, shared secret "
                    + clientSecret.length + " bytes, equal on both sides: "
                    + java.util.Arrays.equals(clientSecret, server.sharedSecret()) + ")");

            // Stand-ins for ClientHello and ServerHello in the transcript: the key schedule is real.
            byte[] hellos = ("ClientHello " + hex(clientShare, 8) + " ServerHello " + hex(server.publicValue(), 8))
                    .getBytes(StandardCharsets.US_ASCII);
            clientTranscript.update(hellos);
            serverTranscript.update(hellos);

            MasterSecret clientMaster = schedule(suite, clientSecret, clientTranscript);
            MasterSecret serverMaster = schedule(suite, server.sharedSecret(), serverTranscript);
            byte[] th = serverTranscript.current();

            String response = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 21\r\n\r\nhello through Bastion";
            try (Tls13Protection seal = new Tls13Protection(serverMaster.serverApplicationTrafficSecret(th).keys(suite.aead()));
                 Tls13Protection open = new Tls13Protection(clientMaster.serverApplicationTrafficSecret(th).keys(suite.aead()))) {
                ByteBuffer wire = ByteBuffer.allocate(1024);
                seal.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)), wire);
                wire.flip();
                int recordLength = wire.remaining();
                ByteBuffer plain = ByteBuffer.allocate(1024);
                ContentType type = open.open(wire, plain);
                plain.flip();
                String received = StandardCharsets.US_ASCII.decode(plain).toString();
                out.println("protocol:    TLSv1.3 record protection (record of " + recordLength + " bytes, inner type "
                        + type.rfcName() + ")");
                out.println("suite:       " + suite.jsseName());
                out.println("resumption:  not in this layer demo (see 'bastion demo': its second connection resumes)");
                out.println("received:    " + received.substring(0, received.indexOf('\r')) + " / body \""
                        + received.substring(received.indexOf("\r\n\r\n") + 4) + "\"");
                if (!received.equals(response)) {
                    throw new IllegalStateException("the record did not round-trip");
                }
            }
        }
        out.println("status:      foundation only; a real HTTPS exchange over Bastion's SSLEngine arrives with the TLS 1.3 issue");
    }

    private static MasterSecret schedule(CipherSuite suite, byte[] shared, TranscriptHash transcript) {
        HandshakeSecret hs = EarlySecret.withoutPsk(suite.hash()).handshakeSecret(shared);
        hs.clientHandshakeTrafficSecret(transcript.current()).destroy();
        return hs.masterSecret();
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb.append("..").toString();
    }
}
