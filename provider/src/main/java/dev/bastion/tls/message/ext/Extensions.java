package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * The extensions of one message, in wire order, with typed look-ups. Immutable.
 *
 * <p>Decoding enforces what RFC 8446 §4.2 asks of the receiver, whatever the extension:
 * <ul>
 *   <li>a repeated extension type is illegal_parameter ("There MUST NOT be more than one
 *       extension of the same type in a given extension block"; OpenSSL's
 *       {@code tls_collect_extensions} sends illegal_parameter, SunJSSE silently keeps the last);
 *   <li>pre_shared_key anywhere but last in a ClientHello is illegal_parameter (§4.2.11);
 *   <li>a recognized extension not allowed in the message is illegal_parameter (see
 *       {@link ExtensionType#allowedIn()});
 *   <li>unrecognized extensions are kept as {@link UnknownExtension}: a ClientHello's are
 *       ignored (§4.1.2), as are a CertificateRequest's and NewSessionTicket's (§4.3.2, §4.6.1);
 *       in responses they were not offered, which {@link #requireSolicited} turns into
 *       unsupported_extension.
 * </ul>
 * A TLS 1.2 hello may have no extensions field at all (RFC 5246 §7.4.1.2/§7.4.1.3):
 * {@link #ABSENT} keeps that apart from an empty block, so re-encoding is exact.
 */
public final class Extensions {
    /** No extensions field at all (TLS 1.2 hellos only). */
    public static final Extensions ABSENT = new Extensions(List.of(), false);
    /** An empty extensions block. */
    public static final Extensions EMPTY = new Extensions(List.of(), true);

    private final List<Extension> list;
    private final boolean present;
    /** The block as {@link #encode} writes it, for a block made once and sent many times ({@link #withEncoding}); else null. */
    private final byte[] encoding;

    private Extensions(List<Extension> list, boolean present) {
        this(list, present, null);
    }

    private Extensions(List<Extension> list, boolean present, byte[] encoding) {
        this.list = list;
        this.present = present;
        this.encoding = encoding;
    }

    /**
     * These extensions, encoded once here and copied out by every {@link #encode}: for a block
     * kept and sent again and again (the extensions are immutable, so the bytes cannot change).
     */
    public Extensions withEncoding() {
        if (encoding != null || !present) {
            return this;
        }
        Writer w = new Writer();
        encode(w);
        return new Extensions(list, present, w.toByteArray());
    }

    /** A block with these extensions, in this order; a repeated type is a programming error. */
    public static Extensions of(Extension... extensions) {
        return of(List.of(extensions));
    }

    /** A block with these extensions, in this order; a repeated type is a programming error. */
    public static Extensions of(List<? extends Extension> extensions) {
        List<Extension> copy = List.copyOf(extensions);
        CodeSet seen = new CodeSet();
        for (Extension e : copy) {
            if (!seen.add(e.code())) {
                throw new IllegalArgumentException("extension " + e.name() + " appears twice");
            }
        }
        return new Extensions(copy, true);
    }

    /** Reads a mandatory {@code Extension extensions<..>} field of a {@code kind} message. */
    public static Extensions decode(Reader r, MessageKind kind) {
        int min = kind == MessageKind.CERTIFICATE_REQUEST ? 2 : 0;          // RFC 8446 §4.3.2
        int max = kind == MessageKind.NEW_SESSION_TICKET ? 0xFFFE : 0xFFFF; // RFC 8446 §4.6.1
        Reader block = r.vec16(min, max, "extensions");
        return new Extensions(ExtensionCodec.decodeBlock(block, kind), true);
    }

    /** A ClientHello's extensions: {@link #ABSENT} when nothing follows the compression methods. */
    public static Extensions decodeClientHello(Reader r) {
        return r.hasRemaining() ? decode(r, MessageKind.CLIENT_HELLO) : ABSENT;
    }

    /**
     * A ServerHello's extensions. The allowed set depends on what the message is: a
     * HelloRetryRequest (by its random, RFC 8446 §4.1.3), a TLS 1.3 ServerHello (it carries
     * supported_versions, §4.2.1), or else a TLS 1.2 ServerHello, whose block may be absent.
     */
    public static Extensions decodeServerHello(Reader r, boolean helloRetryRequest) {
        if (!r.hasRemaining()) {
            return ABSENT;
        }
        Reader block = r.vec16(0, 0xFFFF, "extensions");
        return new Extensions(ExtensionCodec.decodeServerHelloBlock(block, helloRetryRequest), true);
    }

    /** Writes the block (nothing at all for {@link #ABSENT}). */
    public void encode(Writer out) {
        if (!present) {
            return;
        }
        if (encoding != null) {
            out.bytes(encoding);
            return;
        }
        out.vec16(w -> {
            for (Extension e : list) {
                w.u16(e.code());
                w.vec16(e::encodeData);
            }
        });
    }

    /** False only for {@link #ABSENT}. */
    public boolean isPresent() {
        return present;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** The extensions in wire order (immutable). */
    public List<Extension> list() {
        return list;
    }

    /** The extension_type codes in wire order. */
    public List<Integer> codes() {
        Integer[] codes = new Integer[list.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = list.get(i).code();
        }
        return List.of(codes);
    }

    public boolean contains(int code) {
        return indexOf(code) >= 0;
    }

    private int indexOf(int code) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).code() == code) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(ExtensionType type) {
        return contains(type.code());
    }

    /** The extension with this code, whatever its record. */
    public Optional<Extension> find(int code) {
        int i = indexOf(code);
        return i < 0 ? Optional.empty() : Optional.of(list.get(i));
    }

    /** The extension of this record type, e.g. {@code get(KeyShareServerHello.class)}. */
    public <T extends Extension> Optional<T> get(Class<T> type) {
        for (int i = 0; i < list.size(); i++) {
            Extension e = list.get(i);
            if (type.isInstance(e)) {
                return Optional.of(type.cast(e));
            }
        }
        return Optional.empty();
    }

    /** The last extension, if any (pre_shared_key must be it in a ClientHello). */
    public Optional<Extension> last() {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /**
     * A copy with {@code e} appended, or inserted before a pre_shared_key that ends the block
     * (which must stay last, RFC 8446 §4.2.11); its type must not be present yet.
     */
    public Extensions plus(Extension e) {
        List<Extension> out = new ArrayList<>(list);
        Objects.requireNonNull(e, "extension");
        boolean pskLast = !out.isEmpty() && out.get(out.size() - 1).code() == ExtensionType.PRE_SHARED_KEY.code();
        out.add(pskLast ? out.size() - 1 : out.size(), e);
        return of(out);
    }

    /** A copy without the extension of this type (the same block when it is absent). */
    public Extensions without(ExtensionType type) {
        if (!contains(type)) {
            return this;
        }
        List<Extension> out = new ArrayList<>(list);
        out.removeIf(e -> e.code() == type.code());
        return new Extensions(List.copyOf(out), present);
    }

    /** A copy with {@code e} in place of the extension of the same code (which must be present). */
    public Extensions replace(Extension e) {
        List<Extension> out = new ArrayList<>(list);
        int at = indexOf(e.code());
        if (at < 0) {
            throw new IllegalArgumentException("no extension " + e.name() + " to replace");
        }
        out.set(at, e);
        return of(out);
    }

    /**
     * Fails with unsupported_extension unless every extension here was offered
     * ({@code offered} holds the codes sent in the ClientHello, or in the CertificateRequest
     * for a client Certificate). RFC 8446 §4.2: "Implementations MUST NOT send extension
     * responses if the remote endpoint did not send the corresponding extension requests,
     * with the exception of the "cookie" extension in the HelloRetryRequest"; RFC 5246
     * §7.4.1.4 says the same for TLS 1.2. Not for CertificateRequest or NewSessionTicket,
     * whose unknown extensions are ignored.
     */
    public void requireSolicited(Collection<Integer> offered, MessageKind kind) {
        requireSolicited((IntPredicate) offered::contains, kind);
    }

    /**
     * Fails with unsupported_extension when this block has an extension whose code
     * {@code offered} refuses (a HelloRetryRequest's cookie excepted), RFC 8446 §4.2.
     */
    public void requireSolicited(IntPredicate offered, MessageKind kind) {
        for (Extension e : list) {
            boolean cookieInHrr = kind == MessageKind.HELLO_RETRY_REQUEST
                    && e.code() == ExtensionType.COOKIE.code();
            if (!cookieInHrr && !offered.test(e.code())) {
                throw new TlsAlert(AlertDescription.UNSUPPORTED_EXTENSION, kind.messageName()
                        + " carries extension " + e.name() + ", which was not offered (RFC 8446 §4.2)");
            }
        }
    }

    /** {@link #requireSolicited(Collection, MessageKind)} against the extensions of a request. */
    public void requireSolicited(Extensions request, MessageKind kind) {
        requireSolicited((IntPredicate) request::contains, kind);
    }

    public Optional<ServerName> serverName() {
        return get(ServerName.class);
    }

    public Optional<SupportedGroups> supportedGroups() {
        return get(SupportedGroups.class);
    }

    public Optional<SignatureAlgorithms> signatureAlgorithms() {
        return get(SignatureAlgorithms.class);
    }

    public Optional<SignatureAlgorithmsCert> signatureAlgorithmsCert() {
        return get(SignatureAlgorithmsCert.class);
    }

    public Optional<Alpn> alpn() {
        return get(Alpn.class);
    }

    public Optional<KeyShareClientHello> keyShareClientHello() {
        return get(KeyShareClientHello.class);
    }

    public Optional<KeyShareServerHello> keyShareServerHello() {
        return get(KeyShareServerHello.class);
    }

    public Optional<KeyShareHelloRetryRequest> keyShareHelloRetryRequest() {
        return get(KeyShareHelloRetryRequest.class);
    }

    public Optional<SupportedVersionsClientHello> supportedVersionsClientHello() {
        return get(SupportedVersionsClientHello.class);
    }

    public Optional<SupportedVersionsServerHello> supportedVersionsServerHello() {
        return get(SupportedVersionsServerHello.class);
    }

    public Optional<PreSharedKeyClientHello> preSharedKeyClientHello() {
        return get(PreSharedKeyClientHello.class);
    }

    public Optional<PreSharedKeyServerHello> preSharedKeyServerHello() {
        return get(PreSharedKeyServerHello.class);
    }

    public Optional<PskKeyExchangeModes> pskKeyExchangeModes() {
        return get(PskKeyExchangeModes.class);
    }

    public Optional<Cookie> cookie() {
        return get(Cookie.class);
    }

    public Optional<RecordSizeLimit> recordSizeLimit() {
        return get(RecordSizeLimit.class);
    }

    public Optional<RenegotiationInfo> renegotiationInfo() {
        return get(RenegotiationInfo.class);
    }

    public Optional<MaxEarlyDataSize> maxEarlyDataSize() {
        return get(MaxEarlyDataSize.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions other && present == other.present && list.equals(other.list);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(present) * 31 + list.hashCode();
    }

    @Override
    public String toString() {
        return present ? list.toString() : "(absent)";
    }
}
