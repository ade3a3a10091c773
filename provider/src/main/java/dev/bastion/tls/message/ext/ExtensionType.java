package dev.bastion.tls.message.ext;

import static dev.bastion.tls.message.ext.MessageKind.CERTIFICATE;
import static dev.bastion.tls.message.ext.MessageKind.CERTIFICATE_REQUEST;
import static dev.bastion.tls.message.ext.MessageKind.CLIENT_HELLO;
import static dev.bastion.tls.message.ext.MessageKind.ENCRYPTED_EXTENSIONS;
import static dev.bastion.tls.message.ext.MessageKind.HELLO_RETRY_REQUEST;
import static dev.bastion.tls.message.ext.MessageKind.NEW_SESSION_TICKET;
import static dev.bastion.tls.message.ext.MessageKind.SERVER_HELLO;
import static dev.bastion.tls.message.ext.MessageKind.SERVER_HELLO_12;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The extensions this stack recognizes: code, RFC name, and the messages allowed to carry
 * each one. The TLS 1.3 columns are the table of RFC 8446 §4.2; extensions that exist only
 * in TLS 1.2 list CH and the TLS 1.2 ServerHello; RFC 8449 (record_size_limit) and RFC 8879
 * (compress_certificate) give their own. A code not listed here is not "recognized" in the
 * sense of RFC 8446 §4.2 and decodes as {@link UnknownExtension}.
 */
public enum ExtensionType {
    SERVER_NAME(0, "server_name", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    MAX_FRAGMENT_LENGTH(1, "max_fragment_length", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    STATUS_REQUEST(5, "status_request", CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE, SERVER_HELLO_12),
    /**
     * Also tolerated in a TLS 1.2 ServerHello: some servers echo it there, and SunJSSE accepts
     * that ("there are servers that send the supported_groups extension in ServerHello").
     */
    SUPPORTED_GROUPS(10, "supported_groups", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    /** RFC 8422 §5.1.2 / §5.2. */
    EC_POINT_FORMATS(11, "ec_point_formats", CLIENT_HELLO, SERVER_HELLO_12),
    SIGNATURE_ALGORITHMS(13, "signature_algorithms", CLIENT_HELLO, CERTIFICATE_REQUEST),
    USE_SRTP(14, "use_srtp", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    HEARTBEAT(15, "heartbeat", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    APPLICATION_LAYER_PROTOCOL_NEGOTIATION(16, "application_layer_protocol_negotiation",
            CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    SIGNED_CERTIFICATE_TIMESTAMP(18, "signed_certificate_timestamp",
            CLIENT_HELLO, CERTIFICATE_REQUEST, CERTIFICATE, SERVER_HELLO_12),
    /** RFC 7685: client only. */
    PADDING(21, "padding", CLIENT_HELLO),
    /** RFC 7366. */
    ENCRYPT_THEN_MAC(22, "encrypt_then_mac", CLIENT_HELLO, SERVER_HELLO_12),
    /** RFC 7627. */
    EXTENDED_MASTER_SECRET(23, "extended_master_secret", CLIENT_HELLO, SERVER_HELLO_12),
    /** RFC 8879 §3. */
    COMPRESS_CERTIFICATE(27, "compress_certificate", CLIENT_HELLO, CERTIFICATE_REQUEST),
    /** RFC 8449 §4: EE in TLS 1.3, ServerHello in TLS 1.2. */
    RECORD_SIZE_LIMIT(28, "record_size_limit", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, SERVER_HELLO_12),
    /** RFC 5077 §3.2. */
    SESSION_TICKET(35, "session_ticket", CLIENT_HELLO, SERVER_HELLO_12),
    PRE_SHARED_KEY(41, "pre_shared_key", CLIENT_HELLO, SERVER_HELLO),
    EARLY_DATA(42, "early_data", CLIENT_HELLO, ENCRYPTED_EXTENSIONS, NEW_SESSION_TICKET),
    SUPPORTED_VERSIONS(43, "supported_versions", CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST),
    COOKIE(44, "cookie", CLIENT_HELLO, HELLO_RETRY_REQUEST),
    PSK_KEY_EXCHANGE_MODES(45, "psk_key_exchange_modes", CLIENT_HELLO),
    CERTIFICATE_AUTHORITIES(47, "certificate_authorities", CLIENT_HELLO, CERTIFICATE_REQUEST),
    OID_FILTERS(48, "oid_filters", CERTIFICATE_REQUEST),
    POST_HANDSHAKE_AUTH(49, "post_handshake_auth", CLIENT_HELLO),
    SIGNATURE_ALGORITHMS_CERT(50, "signature_algorithms_cert", CLIENT_HELLO, CERTIFICATE_REQUEST),
    KEY_SHARE(51, "key_share", CLIENT_HELLO, SERVER_HELLO, HELLO_RETRY_REQUEST),
    /** RFC 5746 §3.2. */
    RENEGOTIATION_INFO(0xff01, "renegotiation_info", CLIENT_HELLO, SERVER_HELLO_12);

    private static final Map<Integer, ExtensionType> BY_CODE = new HashMap<>();
    /** The types with codes below 64 (nearly all), found without boxing the code. */
    private static final ExtensionType[] LOW = new ExtensionType[64];

    static {
        for (ExtensionType t : values()) {
            BY_CODE.put(t.code, t);
            if (t.code < LOW.length) {
                LOW[t.code] = t;
            }
        }
    }

    private final int code;
    private final String rfcName;
    private final Set<MessageKind> allowedIn;

    ExtensionType(int code, String rfcName, MessageKind first, MessageKind... rest) {
        this.code = code;
        this.rfcName = rfcName;
        this.allowedIn = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** The RFC's name, e.g. {@code key_share}. */
    public String rfcName() {
        return rfcName;
    }

    /** The messages that may carry this extension. */
    public Set<MessageKind> allowedIn() {
        return allowedIn;
    }

    public boolean isAllowedIn(MessageKind kind) {
        return allowedIn.contains(kind);
    }

    /** The registered type for a wire code, or empty for codes we do not recognize (GREASE...). */
    public static Optional<ExtensionType> of(int code) {
        return Optional.ofNullable(find(code));
    }

    /** The name of extension {@code code} as a field in decode errors: {@code key_share} or {@code extension_1234}. */
    public static String fieldName(int code) {
        ExtensionType t = find(code);
        return t != null ? t.rfcName : "extension_" + code;
    }

    private static ExtensionType find(int code) {
        return code >= 0 && code < LOW.length ? LOW[code] : BY_CODE.get(code);
    }

    /** {@code key_share(51)}, {@code GREASE(0x0a0a)}, or {@code unknown(0x1234)}. */
    public static String nameOf(int code) {
        ExtensionType t = find(code);
        if (t != null) {
            return t.rfcName + "(" + code + ")";
        }
        return (Codes.isGrease(code) ? "GREASE(" : "unknown(") + Codes.hex16(code) + ")";
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
