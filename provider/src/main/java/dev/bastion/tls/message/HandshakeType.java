package dev.bastion.tls.message;

import static dev.bastion.tls.message.NegotiatedVersion.TLS12;
import static dev.bastion.tls.message.NegotiatedVersion.TLS13;
import static dev.bastion.tls.message.NegotiatedVersion.UNKNOWN;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Handshake message types (RFC 8446 §4, RFC 5246 §7.4), with who may send each one in which
 * version. hello_request is recognized so that TLS 1.2 renegotiation can be refused;
 * message_hash is never sent, it only stands in for ClientHello1 in the transcript after a
 * HelloRetryRequest (RFC 8446 §4.4.1).
 */
public enum HandshakeType {
    // RFC 5246 §7.4.1.1: a server may send it at any time, also before its ServerHello; a client
    // that is negotiating ignores it (a TLS 1.2 client's states do; the TLS 1.3 client refuses it)
    HELLO_REQUEST(0, "hello_request", "HelloRequest", none(), set(UNKNOWN, TLS12)),
    CLIENT_HELLO(1, "client_hello", "ClientHello", set(UNKNOWN, TLS12, TLS13), none()),
    SERVER_HELLO(2, "server_hello", "ServerHello", none(), set(UNKNOWN, TLS12, TLS13)),
    NEW_SESSION_TICKET(4, "new_session_ticket", "NewSessionTicket", none(), set(TLS12, TLS13)),
    END_OF_EARLY_DATA(5, "end_of_early_data", "EndOfEarlyData", set(TLS13), none()),
    ENCRYPTED_EXTENSIONS(8, "encrypted_extensions", "EncryptedExtensions", none(), set(TLS13)),
    CERTIFICATE(11, "certificate", "Certificate", set(TLS12, TLS13), set(TLS12, TLS13)),
    SERVER_KEY_EXCHANGE(12, "server_key_exchange", "ServerKeyExchange", none(), set(TLS12)),
    CERTIFICATE_REQUEST(13, "certificate_request", "CertificateRequest", none(), set(TLS12, TLS13)),
    SERVER_HELLO_DONE(14, "server_hello_done", "ServerHelloDone", none(), set(TLS12)),
    /** In TLS 1.2 only the client sends it (RFC 5246 §7.4.8). */
    CERTIFICATE_VERIFY(15, "certificate_verify", "CertificateVerify", set(TLS12, TLS13), set(TLS13)),
    CLIENT_KEY_EXCHANGE(16, "client_key_exchange", "ClientKeyExchange", set(TLS12), none()),
    FINISHED(20, "finished", "Finished", set(TLS12, TLS13), set(TLS12, TLS13)),
    /** RFC 6066 §8: a TLS 1.2 server's stapled OCSP response, after its Certificate. */
    CERTIFICATE_STATUS(22, "certificate_status", "CertificateStatus", none(), set(TLS12)),
    KEY_UPDATE(24, "key_update", "KeyUpdate", set(TLS13), set(TLS13)),
    MESSAGE_HASH(254, "message_hash", "message_hash", none(), none());

    private static final HandshakeType[] BY_CODE = new HandshakeType[256];

    static {
        for (HandshakeType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String rfcName;
    private final String messageName;
    private final Set<NegotiatedVersion> fromClient;
    private final Set<NegotiatedVersion> fromServer;

    HandshakeType(int code, String rfcName, String messageName,
            Set<NegotiatedVersion> fromClient, Set<NegotiatedVersion> fromServer) {
        this.code = code;
        this.rfcName = rfcName;
        this.messageName = messageName;
        this.fromClient = Collections.unmodifiableSet(fromClient);
        this.fromServer = Collections.unmodifiableSet(fromServer);
    }

    public int code() {
        return code;
    }

    /** The RFC's enum name: {@code client_hello}. */
    public String rfcName() {
        return rfcName;
    }

    /** The structure name: {@code ClientHello}. */
    public String messageName() {
        return messageName;
    }

    /** Whether {@code sender} may send this message when {@code version} is in force. */
    public boolean canBeSent(Side sender, NegotiatedVersion version) {
        return (sender == Side.CLIENT ? fromClient : fromServer).contains(version);
    }

    /** The type for a wire code, or empty for codes that are not handshake types. */
    public static Optional<HandshakeType> of(int code) {
        return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }

    @Override
    public String toString() {
        return rfcName + "(" + code + ")";
    }

    private static Set<NegotiatedVersion> set(NegotiatedVersion first, NegotiatedVersion... rest) {
        return EnumSet.of(first, rest);
    }

    private static Set<NegotiatedVersion> none() {
        return EnumSet.noneOf(NegotiatedVersion.class);
    }
}
