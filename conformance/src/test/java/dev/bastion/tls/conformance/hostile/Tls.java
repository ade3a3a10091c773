package dev.bastion.tls.conformance.hostile;

/**
 * Code points the hostile peer writes by hand (RFC 8446 §4, §4.2, §5.1, §B; RFC 5246; RFC 6520;
 * RFC 8701 GREASE), kept apart from Bastion's own enums so that a wrong constant there cannot
 * hide a wrong constant here.
 */
final class Tls {
    // content types (RFC 8446 §5.1, RFC 6520 §3)
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int HEARTBEAT = 24;

    // versions
    static final int SSL3 = 0x0300;
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;

    // handshake types (RFC 8446 §4, RFC 5246 §7.4)
    static final int HELLO_REQUEST = 0;
    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int NEW_SESSION_TICKET = 4;
    static final int END_OF_EARLY_DATA = 5;
    static final int ENCRYPTED_EXTENSIONS = 8;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int SERVER_HELLO_DONE = 14;
    static final int CLIENT_KEY_EXCHANGE = 16;
    static final int CERTIFICATE_REQUEST = 13;
    static final int CERTIFICATE_VERIFY = 15;
    static final int FINISHED = 20;
    static final int KEY_UPDATE = 24;
    static final int MESSAGE_HASH = 254;

    // extensions (RFC 8446 §4.2, RFC 6066, RFC 6520, RFC 7301, RFC 5746)
    static final int EXT_SERVER_NAME = 0;
    static final int EXT_SUPPORTED_GROUPS = 10;
    static final int EXT_SIGNATURE_ALGORITHMS = 13;
    static final int EXT_EC_POINT_FORMATS = 11;
    static final int EXT_HEARTBEAT = 15;
    static final int EXT_EXTENDED_MASTER_SECRET = 23;
    static final int EXT_SESSION_TICKET = 35;
    static final int EXT_ALPN = 16;
    static final int EXT_PRE_SHARED_KEY = 41;
    static final int EXT_EARLY_DATA = 42;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_COOKIE = 44;
    static final int EXT_PSK_KEY_EXCHANGE_MODES = 45;
    static final int EXT_OID_FILTERS = 48;
    static final int EXT_KEY_SHARE = 51;
    static final int EXT_RENEGOTIATION_INFO = 0xff01;

    // cipher suites
    static final int TLS_AES_128_GCM_SHA256 = 0x1301;
    static final int TLS_AES_256_GCM_SHA384 = 0x1302;
    static final int TLS_CHACHA20_POLY1305_SHA256 = 0x1303;
    static final int TLS_AES_128_CCM_SHA256 = 0x1304;
    static final int TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xC02F;
    static final int TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xC02B;
    static final int TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = 0xC02C;
    static final int TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = 0xCCA9;
    static final int TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 = 0x009E;
    static final int TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009C;
    static final int TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;

    // groups
    static final int SECP256R1 = 0x0017;
    static final int SECP384R1 = 0x0018;
    static final int X25519 = 0x001D;
    static final int FFDHE8192 = 0x0104;

    // signature schemes
    static final int ECDSA_SECP256R1_SHA256 = 0x0403;
    static final int RSA_PKCS1_SHA256 = 0x0401;
    static final int RSA_PSS_RSAE_SHA256 = 0x0804;
    static final int ECDSA_SHA1 = 0x0203;
    static final int ED25519 = 0x0807;

    /** A GREASE value (RFC 8701 §2): 0x?A?A. */
    static final int GREASE = 0x2A2A;

    /** HelloRetryRequest.random, SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
    static final byte[] HRR_RANDOM = Bytes.hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /** The last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.2 / TLS 1.1 or below (RFC 8446 §4.1.3). */
    static final byte[] DOWNGRADE_TLS12 = Bytes.hex("444F574E47524401");
    static final byte[] DOWNGRADE_TLS11 = Bytes.hex("444F574E47524400");

    private Tls() {
    }
}
