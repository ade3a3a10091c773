package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one handshake message (type byte + body) into its record, for the side, version and
 * key exchange in a {@link DecodeContext}.
 *
 * <p>Failures: a type byte that is no handshake type, or a type the peer can never send in
 * this version (a ClientHello to a client, EncryptedExtensions in TLS 1.2, ServerKeyExchange
 * with RSA key transport, message_hash on the wire...) is unexpected_message; a malformed body
 * is decode_error (or the alert the RFC names for that field). Whether a message that can
 * appear comes at the right moment is the state machine's job.
 */
public final class MessageDecoder {
    private MessageDecoder() {
    }

    /**
     * Decodes a whole message: 1-byte type, 3-byte length, then exactly that many body bytes.
     * The type is judged first, so a message that cannot come is unexpected_message whatever
     * its length says.
     */
    public static HandshakeMessage decode(Reader message, DecodeContext context) {
        int type = message.u8("msg_type");
        permitted(type, context);
        Reader body = message.vec24(0, 0xFFFFFF, "handshake message body");
        message.end("handshake message");
        return decode(type, body, context);
    }

    /** Decodes a body of message type {@code type}; all of {@code body} must be the body. */
    public static HandshakeMessage decode(int type, Reader body, DecodeContext context) {
        Objects.requireNonNull(context, "context");
        HandshakeType t = permitted(type, context);
        return switch (t) {
            case CLIENT_HELLO -> ClientHello.decode(body);
            case SERVER_HELLO -> ServerHello.decode(body);
            case ENCRYPTED_EXTENSIONS -> EncryptedExtensions.decode(body);
            case CERTIFICATE -> tls13(context) ? Certificate.decode(body) : Certificate12.decode(body);
            case CERTIFICATE_REQUEST -> tls13(context) ? CertificateRequest.decode(body)
                    : CertificateRequest12.decode(body);
            case CERTIFICATE_VERIFY -> CertificateVerify.decode(body);
            case FINISHED -> Finished.decode(body, context.finishedLength());
            case NEW_SESSION_TICKET -> tls13(context) ? NewSessionTicket.decode(body) : NewSessionTicket12.decode(body);
            case KEY_UPDATE -> KeyUpdate.decode(body);
            case END_OF_EARLY_DATA -> EndOfEarlyData.decode(body);
            case SERVER_HELLO_DONE -> ServerHelloDone.decode(body);
            case CERTIFICATE_STATUS -> CertificateStatus.decode(body);
            case HELLO_REQUEST -> HelloRequest.decode(body);
            case SERVER_KEY_EXCHANGE -> ServerKeyExchange.decode(body, context.keyExchange());
            case CLIENT_KEY_EXCHANGE -> ClientKeyExchange.decode(body, context.keyExchange());
            case MESSAGE_HASH -> throw TlsAlert.unexpectedMessage("message_hash is never sent (RFC 8446 §4.4.1)");
        };
    }

    private static HandshakeType permitted(int code, DecodeContext context) {
        Optional<HandshakeType> known = HandshakeType.of(code);
        if (known.isEmpty()) {
            throw TlsAlert.unexpectedMessage("unknown handshake message type " + code);
        }
        HandshakeType t = known.get();
        if (!t.canBeSent(context.sender(), context.version())) {
            throw TlsAlert.unexpectedMessage(t.messageName() + " cannot be sent by a " + context.sender()
                    + (context.version() == NegotiatedVersion.UNKNOWN ? " before the hellos"
                    : " in " + (tls13(context) ? "TLS 1.3" : "TLS 1.2")));
        }
        // RFC 5246 §7.4.3: no ServerKeyExchange with RSA key transport.
        if (t == HandshakeType.SERVER_KEY_EXCHANGE && context.keyExchange() == KeyExchangeKind.RSA) {
            throw TlsAlert.unexpectedMessage("ServerKeyExchange with RSA key exchange (RFC 5246 §7.4.3)");
        }
        return t;
    }

    private static boolean tls13(DecodeContext context) {
        return context.version() == NegotiatedVersion.TLS13;
    }
}
