package dev.bastion.tls.conformance.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HandshakeType;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.NegotiatedVersion;
import dev.bastion.tls.message.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target: every handshake message decoder of TLS 1.3 and TLS 1.2, through
 * {@link MessageDecoder}, in every context where the peer may send that message: the first
 * input byte picks a (message type, receiving side, version, key exchange, Finished length)
 * from {@link #CASES}; the rest is the message body.
 *
 * <p>Contract: only {@link TlsAlert} may come out. A body that decodes must also re-encode
 * without failing, and the re-encoding must decode to an equal message (the records compare
 * by structure), so a decoder that accepts something its own encoder cannot express is caught.
 */
class HandshakeMessageFuzzTest {
    /** Every (type, context) pair in which the peer can send the type. */
    static final List<Case> CASES = cases();

    @FuzzTest(maxDuration = "6s")
    void messages(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Case c = CASES.get((input[0] & 0xFF) % CASES.size());
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        HandshakeMessage m;
        try {
            m = MessageDecoder.decode(c.type().code(), Reader.of(body), c.context());
        } catch (TlsAlert expected) {
            return;
        }
        Writer w = new Writer();
        m.encode(w);
        HandshakeMessage again = MessageDecoder.decode(c.type().code(), Reader.of(w.toByteArray()), c.context());
        if (!again.equals(m)) {
            throw new AssertionError(c + ": decode(encode(m)) differs from m\n m     = " + m + "\n again = " + again);
        }
    }

    /** One decoding situation. */
    record Case(HandshakeType type, DecodeContext context) {
    }

    private static List<Case> cases() {
        List<DecodeContext> contexts = new ArrayList<>();
        for (Side local : Side.values()) {
            contexts.add(DecodeContext.hello(local));
            contexts.add(DecodeContext.tls13(local, 32));
            contexts.add(DecodeContext.tls13(local, 48));
            for (KeyExchangeKind k : List.of(KeyExchangeKind.ECDHE, KeyExchangeKind.DHE, KeyExchangeKind.RSA)) {
                contexts.add(DecodeContext.tls12(local, k));
            }
        }
        List<Case> out = new ArrayList<>();
        for (HandshakeType t : HandshakeType.values()) {
            for (DecodeContext ctx : contexts) {
                boolean finishedOnly = ctx.version() == NegotiatedVersion.TLS13 && ctx.finishedLength() == 48
                        && t != HandshakeType.FINISHED;
                boolean kexOnly = ctx.version() == NegotiatedVersion.TLS12 && ctx.keyExchange() != KeyExchangeKind.ECDHE
                        && t != HandshakeType.SERVER_KEY_EXCHANGE && t != HandshakeType.CLIENT_KEY_EXCHANGE;
                boolean rsaSke = t == HandshakeType.SERVER_KEY_EXCHANGE && ctx.keyExchange() == KeyExchangeKind.RSA;
                if (t.canBeSent(ctx.sender(), ctx.version()) && !finishedOnly && !kexOnly && !rsaSke) {
                    out.add(new Case(t, ctx));
                }
            }
        }
        return List.copyOf(out);
    }
}
