package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.CodeLists;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2):
 * <pre>
 * ProtocolVersion legacy_version; Random random;
 * opaque legacy_session_id&lt;0..32&gt;;
 * CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 * opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 * Extension extensions&lt;8..2^16-1&gt;   (absent is legal in TLS 1.2)
 * </pre>
 * Every suite and extension code is kept, known or not. Decoding checks structure only;
 * the handshake checks what the version requires, with the helpers here:
 * {@link #hasOnlyNullCompression()} (TLS 1.3: "exactly one byte, set to zero", else
 * illegal_parameter) and {@link #offersNullCompression()} (TLS 1.2: "MUST contain null").
 *
 * @param encoding the exact bytes received, header included; {@code null} for a hello built
 *                 locally (then {@link #encoding()} encodes it)
 */
public record ClientHello(int legacyVersion, Opaque random, Opaque legacySessionId, List<Integer> cipherSuites,
        List<Integer> legacyCompressionMethods, Extensions extensions, byte[] encoding) implements HandshakeMessage {

    /** CompressionMethod null. */
    public static final int NULL_COMPRESSION = 0;

    public ClientHello {
        Checks.u16(legacyVersion, "legacy_version");
        Checks.length(random, 32, 32, "random");
        Checks.length(legacySessionId, 0, 32, "legacy_session_id");
        cipherSuites = CodeLists.check(cipherSuites, 16, 1, 0x7FFF, "cipher_suites");
        legacyCompressionMethods = CodeLists.check(legacyCompressionMethods, 8, 1, 0xFF, "legacy_compression_methods");
        Objects.requireNonNull(extensions, "extensions");
        boolean pskNotLast = extensions.contains(ExtensionType.PRE_SHARED_KEY)
                && extensions.last().orElseThrow().code() != ExtensionType.PRE_SHARED_KEY.code();
        if (pskNotLast) {
            throw new IllegalArgumentException("pre_shared_key must be the last extension (RFC 8446 §4.2.11)");
        }
        encoding = Received.copy(encoding);
    }

    /** A ClientHello built locally. */
    public ClientHello(int legacyVersion, Opaque random, Opaque legacySessionId, List<Integer> cipherSuites,
            List<Integer> legacyCompressionMethods, Extensions extensions) {
        this(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods, extensions, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static ClientHello decode(Reader body) {
        Reader r = body.named("ClientHello");
        int start = r.position();
        int version = r.u16("legacy_version");
        Opaque random = Opaque.readFixed(r, 32, "random");
        Opaque sessionId = Opaque.read8(r, 0, 32, "legacy_session_id");
        List<Integer> suites = CodeLists.readU16s16(r, 2, 0xFFFE, "cipher_suites");
        List<Integer> compression = CodeLists.readU8s8(r, 1, 0xFF, "legacy_compression_methods");
        Extensions extensions = Extensions.decodeClientHello(r);
        r.end("body");
        return new ClientHello(version, random, sessionId, suites, compression, extensions,
                Received.encoding(HandshakeType.CLIENT_HELLO, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void encode(Writer out) {
        out.u16(legacyVersion);
        random.writeTo(out);
        legacySessionId.write8(out);
        CodeLists.writeU16s16(out, cipherSuites);
        CodeLists.writeU8s8(out, legacyCompressionMethods);
        extensions.encode(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    /** Whether the compression methods include null (RFC 5246 §7.4.1.2). */
    public boolean offersNullCompression() {
        return legacyCompressionMethods.contains(NULL_COMPRESSION);
    }

    /** Whether the compression methods are exactly [null], as TLS 1.3 requires (RFC 8446 §4.1.2). */
    public boolean hasOnlyNullCompression() {
        return legacyCompressionMethods.equals(List.of(NULL_COMPRESSION));
    }

    public boolean offersCipherSuite(int suite) {
        return cipherSuites.contains(suite);
    }

    /**
     * Where the binders list (its length prefix included) starts in {@link #encoding()}, when
     * the last extension is pre_shared_key; empty otherwise. Binders are computed over the
     * bytes before it (RFC 8446 §4.2.11.2).
     */
    public OptionalInt bindersOffset() {
        if (extensions.last().orElse(null) instanceof PreSharedKeyClientHello psk) {
            return OptionalInt.of(encoding().length - psk.bindersEncodedLength());
        }
        return OptionalInt.empty();
    }

    /**
     * {@code Truncate(ClientHello)} of RFC 8446 §4.2.11.2: the encoding up to, not including,
     * the binders list. Only for a hello with pre_shared_key (else IllegalStateException).
     */
    public byte[] truncatedForBinders() {
        int at = bindersOffset().orElseThrow(() -> new IllegalStateException("no pre_shared_key extension"));
        return Arrays.copyOf(encoding(), at);
    }

    /**
     * The same hello seen with the extensions {@code seen} (a subset of its own, as a server that
     * ignores some sees it); the bytes stay those received, for the transcript and the binders.
     */
    public ClientHello withExtensions(Extensions seen) {
        return new ClientHello(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods, seen,
                encoding);
    }

    /** A copy (built locally, re-encoded) whose pre_shared_key carries {@code binders}. */
    public ClientHello withBinders(List<Opaque> binders) {
        PreSharedKeyClientHello psk = extensions.preSharedKeyClientHello()
                .orElseThrow(() -> new IllegalStateException("no pre_shared_key extension"));
        return new ClientHello(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods,
                extensions.replace(psk.withBinders(binders)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHello c && legacyVersion == c.legacyVersion && random.equals(c.random)
                && legacySessionId.equals(c.legacySessionId) && cipherSuites.equals(c.cipherSuites)
                && legacyCompressionMethods.equals(c.legacyCompressionMethods) && extensions.equals(c.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods, extensions);
    }

    @Override
    public String toString() {
        return "ClientHello{legacy_version=" + Codes.version(legacyVersion) + ", random=" + random
                + ", legacy_session_id=" + legacySessionId
                + ", cipher_suites=" + Codes.list(cipherSuites, Codes::suite)
                + ", legacy_compression_methods=" + legacyCompressionMethods
                + ", extensions=" + extensions + "}";
    }
}
