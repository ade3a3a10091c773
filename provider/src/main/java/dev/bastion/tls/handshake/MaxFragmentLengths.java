package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import java.util.Optional;

/**
 * The client's side of max_fragment_length (RFC 6066 §4): which length to ask for, and the
 * server's answer. (The server's side is {@link ServerAnswers#maxFragmentLength}.)
 */
public final class MaxFragmentLengths {
    /**
     * The most a TLS record adds to its content, as SunJSSE counts it when it turns a maximum
     * packet size into a fragment length: a 5-byte header, a 16-byte explicit IV, a 48-byte MAC
     * and 256 bytes of block padding.
     */
    static final int RECORD_OVERHEAD = 5 + 16 + 48 + 256;

    private MaxFragmentLengths() {
    }

    /**
     * The max_fragment_length a client whose records must fit in {@code maximumPacketSize} bytes
     * asks for, as SunJSSE's client asks with {@code jsse.enableMFLNExtension=true}: the packet
     * size less {@link #RECORD_OVERHEAD}, rounded down to 2^10 or 2^11 (2^9 for anything
     * smaller, 2^12 only when it is exactly that); 0, no extension, when there is no packet size
     * or it leaves more than 2^12 bytes (the default packet size leaves 2^14).
     */
    public static int request(int maximumPacketSize) {
        int fragment = maximumPacketSize - RECORD_OVERHEAD;
        if (fragment <= 0) {
            return 0;
        } else if (fragment < 1024) {
            return 512;
        } else if (fragment < 2048) {
            return 1024;
        } else if (fragment < 4096) {
            return 2048;
        }
        return fragment == 4096 ? 4096 : 0;
    }

    /** The extension a client with {@code config} sends; empty when it asks for no length. */
    public static Optional<MaxFragmentLength> offer(HandshakeConfig config) {
        return MaxFragmentLength.ofBytes(config.maxFragmentLength());
    }

    /**
     * Checks the server's answer ({@code answer}: a TLS 1.2 ServerHello's or a TLS 1.3
     * EncryptedExtensions' extensions, already checked to hold nothing the client did not send)
     * against the client's request, and from now on keeps this client's records within the
     * agreed length: "If a client receives a maximum fragment length negotiation response that
     * differs from the length it requested, it MUST also abort the handshake with an
     * illegal_parameter alert" (RFC 6066 §4). A server that ignores the request leaves records
     * at their usual limit.
     */
    public static void accept(Extensions sent, Extensions answer, String messageName, HandshakeIo io) {
        Optional<MaxFragmentLength> echo = answer.get(MaxFragmentLength.class);
        if (echo.isEmpty()) {
            return;
        }
        Optional<MaxFragmentLength> asked = sent.get(MaxFragmentLength.class);
        if (asked.isEmpty() || asked.get().value() != echo.get().value()) {
            throw TlsAlert.illegalParameter(messageName + " max_fragment_length is " + echo.get().maxFragmentBytes()
                    + " bytes; the client asked for " + asked.map(a -> a.maxFragmentBytes() + " bytes").orElse("none")
                    + " (RFC 6066 §4)");
        }
        io.limitFragments(echo.get().maxFragmentBytes());
    }
}
