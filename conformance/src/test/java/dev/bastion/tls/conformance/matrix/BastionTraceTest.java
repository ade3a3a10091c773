package dev.bastion.tls.conformance.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Dissector;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.Side;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the matrix reads Bastion's handshake trace, on entries made by the provider's own
 * {@link Dissector} from RFC 8448 messages (§3 full handshake, §4 resumed ServerHello), so the
 * reading follows the trace's format.
 */
class BastionTraceTest {
    private static final DecodeContext HELLO = DecodeContext.hello(Side.CLIENT);
    private static final DecodeContext TLS13 = DecodeContext.tls13(Side.CLIENT, 32);

    private static String entry(String head, String hex, DecodeContext context) {
        HandshakeMessage m = MessageDecoder.decode(Reader.of(HexFormat.of().parseHex(hex)), context);
        return head + " (" + m.encoding().length + " bytes)\n" + Dissector.dissect(m);
    }

    /** RFC 8448 §3 ServerHello: x25519, no pre_shared_key. */
    private static final String SH = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e"
            + "00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";
    /** RFC 8448 §4 ServerHello of the resumed handshake: pre_shared_key selected_identity 0. */
    private static final String RESUMED_SH = "0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea5122495f559ea2d"
            + "00130100003400290002000000330024001d0020121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31"
            + "002b00020304";
    /** A CertificateVerify with RFC 8448 §3's scheme (rsa_pss_rsae_sha256) and a stand-in 4-byte signature. */
    private static final String CERTIFICATE_VERIFY = "0f000008" + "0804" + "0004" + "01020304";

    @Test
    void fullThenResumedConnectionsAsABastionClientSawThem() {
        List<String> trace = List.of(
                "client sent Client Hello (196 bytes)\nHandshake Protocol: Client Hello",
                entry("client received Server Hello", SH, HELLO),
                entry("client received Certificate Verify", CERTIFICATE_VERIFY, TLS13),
                entry("client received Server Hello", RESUMED_SH, HELLO));
        List<List<String>> connections = BastionTrace.connections(trace, Role.CLIENT);
        assertEquals(2, connections.size());
        assertEquals(2, connections.get(0).size(), "the ClientHello before the first ServerHello is not counted");
        assertFalse(BastionTrace.resumed(connections.get(0), Role.CLIENT, false));
        assertTrue(BastionTrace.resumed(connections.get(1), Role.CLIENT, false));
        assertEquals(Optional.of("rsa_pss_rsae_sha256"), BastionTrace.serverScheme(connections.get(0), Role.CLIENT, false));
        assertEquals(Optional.empty(), BastionTrace.serverScheme(connections.get(1), Role.CLIENT, false));
        assertEquals(List.of(), BastionTrace.connections(trace, Role.SERVER), "a server's entries say 'server sent'");
    }
}
