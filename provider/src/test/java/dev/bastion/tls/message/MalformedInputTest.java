package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.testutil.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every strict prefix of every golden body, a trailing byte, and random
 * mutations. The decoder must answer with a valid record or a TlsAlert, never another
 * exception; every valid answer must re-encode to exactly the bytes it came from.
 */
class MalformedInputTest {
    private static final Set<AlertDescription> DECODER_ALERTS = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNEXPECTED_MESSAGE,
            AlertDescription.MISSING_EXTENSION);

    /** Golden messages with their receiver's context: RFC 8448 and one of each other kind. */
    static List<Sample> goldens() {
        List<Sample> out = new ArrayList<>();
        String[][] rfc = {
            {Rfc8448.CLIENT_HELLO, "s"}, {Rfc8448.SERVER_HELLO, "c"}, {Rfc8448.ENCRYPTED_EXTENSIONS, "c13"},
            {Rfc8448.CERTIFICATE, "c13"}, {Rfc8448.CERTIFICATE_VERIFY, "c13"}, {Rfc8448.SERVER_FINISHED, "c13"},
            {Rfc8448.NEW_SESSION_TICKET, "c13"}, {Rfc8448.RESUMED_CLIENT_HELLO, "s"},
            {Rfc8448.RESUMED_SERVER_HELLO, "c"}, {Rfc8448.RESUMED_ENCRYPTED_EXTENSIONS, "c13"},
            {Rfc8448.HRR_CLIENT_HELLO_1, "s"}, {Rfc8448.HELLO_RETRY_REQUEST, "c"},
            {Rfc8448.HRR_CLIENT_HELLO_2, "s"}, {Rfc8448.HRR_SERVER_HELLO, "c"},
        };
        for (String[] v : rfc) {
            DecodeContext c = switch (v[1]) {
                case "s" -> DecodeContext.hello(Side.SERVER);
                case "c" -> DecodeContext.hello(Side.CLIENT);
                default -> DecodeContext.tls13(Side.CLIENT, 32);
            };
            out.add(new Sample(MessageDecoder.decode(Reader.of(Hex.bytes(v[0])), c), c));
        }
        MessageGen gen = new MessageGen(7);
        for (int i = 0; i < gen.kindCount(); i++) {
            out.add(gen.kind(i));
        }
        return out;
    }

    @Test
    void everyStrictPrefixOfABodyIsDecodeError() {
        int checked = 0;
        int helloCuts = 0;
        for (Sample s : goldens()) {
            byte[] body = body(s.message());
            int extensionsAt = extensionsOffset(s.message(), body.length);
            for (int n = 0; n < body.length; n++) {
                Reader prefix = Reader.of(body, 0, n);
                int type = s.message().type().code();
                if (n == extensionsAt) {
                    // RFC 5246 §7.4.1.2/§7.4.1.3: a hello without its extensions field is a valid TLS 1.2 hello.
                    HandshakeMessage m = MessageDecoder.decode(type, prefix, s.context());
                    assertFalse(extensionsOf(m).isPresent(), "hello cut before its extensions");
                    helloCuts++;
                    continue;
                }
                TlsAlert a = assertThrows(TlsAlert.class, () -> MessageDecoder.decode(type, prefix, s.context()),
                        () -> s.message().type() + " prefix of " + prefix.remaining());
                assertEquals(AlertDescription.DECODE_ERROR, a.alert(), a.getMessage());
                checked++;
            }
        }
        assertTrue(checked > 3000, "prefixes checked: " + checked);
        assertTrue(helloCuts >= 8, "hellos cut right before their extensions: " + helloCuts);
    }

    @Test
    void aTrailingByteIsDecodeError() {
        for (Sample s : goldens()) {
            byte[] body = Arrays.copyOf(body(s.message()), body(s.message()).length + 1);
            int type = s.message().type().code();
            TlsAlert a = assertThrows(TlsAlert.class, () -> MessageDecoder.decode(type, Reader.of(body), s.context()),
                    s.message()::toString);
            assertEquals(AlertDescription.DECODE_ERROR, a.alert(), a.getMessage());
        }
    }

    @Test
    void randomMutationsGiveARecordOrATlsAlert() {
        Random rnd = new Random(0xF00DL);
        int valid = 0;
        int alerts = 0;
        for (Sample s : goldens()) {
            byte[] wire = s.message().encoding();
            for (int i = 0; i < 600; i++) {
                byte[] bad = mutate(wire, rnd);
                try {
                    HandshakeMessage m = MessageDecoder.decode(Reader.of(bad), s.context());
                    assertArrayEquals(bad, HandshakeMessage.frame(m), "a valid decode re-encodes exactly");
                    assertArrayEquals(bad, m.encoding());
                    valid++;
                } catch (TlsAlert a) {
                    assertTrue(DECODER_ALERTS.contains(a.alert()), a.toString());
                    alerts++;
                } catch (RuntimeException e) {
                    fail("not a TlsAlert for " + Hex.string(bad), e);
                }
            }
        }
        assertTrue(valid > 500 && alerts > 5000, "valid " + valid + ", alerts " + alerts);
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> {
                int at = 4 + rnd.nextInt(b.length - 3);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) rnd.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                fixLength(out);
                return out;
            }
            case 3 -> {
                if (b.length > 4) {
                    int at = 4 + rnd.nextInt(b.length - 4);
                    byte[] out = new byte[b.length - 1];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                    fixLength(out);
                    return out;
                }
            }
            default -> {
                // a flipped bit in the body with the header kept consistent reaches deeper
                if (b.length > 4) {
                    b[4 + rnd.nextInt(b.length - 4)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
        }
        return b;
    }

    private static void fixLength(byte[] m) {
        int n = m.length - 4;
        m[1] = (byte) (n >>> 16);
        m[2] = (byte) (n >>> 8);
        m[3] = (byte) n;
    }

    static byte[] body(HandshakeMessage m) {
        Writer w = new Writer();
        m.encode(w);
        return w.toByteArray();
    }

    /** Where a hello's extensions block starts in its body; -1 for other messages or absent blocks. */
    private static int extensionsOffset(HandshakeMessage m, int bodyLength) {
        var ext = extensionsOf(m);
        if (ext == null || !ext.isPresent()) {
            return -1;
        }
        Writer w = new Writer();
        ext.encode(w);
        return bodyLength - w.length();
    }

    private static dev.bastion.tls.message.ext.Extensions extensionsOf(HandshakeMessage m) {
        if (m instanceof ClientHello ch) {
            return ch.extensions();
        }
        return m instanceof ServerHello sh ? sh.extensions() : null;
    }
}
