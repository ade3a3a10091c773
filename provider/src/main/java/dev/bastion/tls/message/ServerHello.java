package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import java.util.Objects;

/**
 * ServerHello and HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4; RFC 5246 §7.4.1.3):
 * <pre>
 * ProtocolVersion legacy_version; Random random;
 * opaque legacy_session_id_echo&lt;0..32&gt;;
 * CipherSuite cipher_suite; uint8 legacy_compression_method;
 * Extension extensions&lt;6..2^16-1&gt;   (absent is legal in TLS 1.2)
 * </pre>
 * A HelloRetryRequest is a ServerHello whose random is {@link #HELLO_RETRY_REQUEST_RANDOM}.
 * The allowed extensions follow from that and from supported_versions (see
 * {@link Extensions#decodeServerHello}). The downgrade sentinels of RFC 8446 §4.1.3 are
 * exposed for the client's check.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record ServerHello(int legacyVersion, Opaque random, Opaque legacySessionIdEcho, int cipherSuite,
        int legacyCompressionMethod, Extensions extensions, byte[] encoding) implements HandshakeMessage {

    /** SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 §4.1.3). */
    public static final Opaque HELLO_RETRY_REQUEST_RANDOM = Opaque.ofHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    /** Last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.2: "DOWNGRD" 01. */
    public static final Opaque DOWNGRADE_TLS12 = Opaque.ofHex("444F574E47524401");
    /** Last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.1 or below: "DOWNGRD" 00. */
    public static final Opaque DOWNGRADE_TLS11 = Opaque.ofHex("444F574E47524400");

    public ServerHello {
        Checks.u16(legacyVersion, "legacy_version");
        Checks.length(random, 32, 32, "random");
        Checks.length(legacySessionIdEcho, 0, 32, "legacy_session_id_echo");
        Checks.u16(cipherSuite, "cipher_suite");
        Checks.u8(legacyCompressionMethod, "legacy_compression_method");
        Objects.requireNonNull(extensions, "extensions");
        encoding = Received.copy(encoding);
    }

    /** A ServerHello built locally. */
    public ServerHello(int legacyVersion, Opaque random, Opaque legacySessionIdEcho, int cipherSuite,
            int legacyCompressionMethod, Extensions extensions) {
        this(legacyVersion, random, legacySessionIdEcho, cipherSuite, legacyCompressionMethod, extensions, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static ServerHello decode(Reader body) {
        Reader r = body.named("ServerHello");
        int start = r.position();
        int version = r.u16("legacy_version");
        Opaque random = Opaque.readFixed(r, 32, "random");
        Opaque sessionId = Opaque.read8(r, 0, 32, "legacy_session_id_echo");
        int suite = r.u16("cipher_suite");
        int compression = r.u8("legacy_compression_method");
        Extensions extensions = Extensions.decodeServerHello(r, random.equals(HELLO_RETRY_REQUEST_RANDOM));
        r.end("body");
        return new ServerHello(version, random, sessionId, suite, compression, extensions,
                Received.encoding(HandshakeType.SERVER_HELLO, r, start));
    }

    /**
     * {@code random} with its last 8 bytes replaced by {@code sentinel}
     * ({@link #DOWNGRADE_TLS12} or {@link #DOWNGRADE_TLS11}), as a TLS 1.3 server must send
     * when it negotiates an older version (RFC 8446 §4.1.3).
     */
    public static Opaque withDowngradeSentinel(Opaque random, Opaque sentinel) {
        Checks.length(random, 32, 32, "random");
        Checks.length(sentinel, 8, 8, "sentinel");
        byte[] b = random.toByteArray();
        System.arraycopy(sentinel.toByteArray(), 0, b, 24, 8);
        return Opaque.of(b);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encode(Writer out) {
        out.u16(legacyVersion);
        random.writeTo(out);
        legacySessionIdEcho.write8(out);
        out.u16(cipherSuite);
        out.u8(legacyCompressionMethod);
        extensions.encode(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    /** Whether this is a HelloRetryRequest (RFC 8446 §4.1.3). */
    public boolean isHelloRetryRequest() {
        return random.equals(HELLO_RETRY_REQUEST_RANDOM);
    }

    /** Whether the random ends with "DOWNGRD" 01: the server speaks TLS 1.3 but chose TLS 1.2. */
    public boolean hasTls12DowngradeSentinel() {
        return random.endsWith(DOWNGRADE_TLS12);
    }

    /** Whether the random ends with "DOWNGRD" 00: the server speaks TLS 1.3 but chose TLS 1.1 or below. */
    public boolean hasTls11DowngradeSentinel() {
        return random.endsWith(DOWNGRADE_TLS11);
    }

    /**
     * The version the server selected: supported_versions.selected_version when present
     * (TLS 1.3, RFC 8446 §4.2.1), else legacy_version (TLS 1.2 and below).
     */
    public int selectedVersion() {
        return extensions.supportedVersionsServerHello().map(SupportedVersionsServerHello::selectedVersion)
                .orElse(legacyVersion);
    }

    /** Which column of the extension table this message was checked against. */
    public MessageKind extensionKind() {
        if (isHelloRetryRequest()) {
            return MessageKind.HELLO_RETRY_REQUEST;
        }
        return extensions.contains(ExtensionType.SUPPORTED_VERSIONS) ? MessageKind.SERVER_HELLO
                : MessageKind.SERVER_HELLO_12;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHello s && legacyVersion == s.legacyVersion && random.equals(s.random)
                && legacySessionIdEcho.equals(s.legacySessionIdEcho) && cipherSuite == s.cipherSuite
                && legacyCompressionMethod == s.legacyCompressionMethod && extensions.equals(s.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(legacyVersion, random, legacySessionIdEcho, cipherSuite, legacyCompressionMethod,
                extensions);
    }

    @Override
    public String toString() {
        return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello") + "{legacy_version="
                + Codes.version(legacyVersion) + ", random=" + random
                + ", legacy_session_id_echo=" + legacySessionIdEcho
                + ", cipher_suite=" + Codes.suite(cipherSuite)
                + ", legacy_compression_method=" + legacyCompressionMethod
                + ", extensions=" + extensions + "}";
    }
}
