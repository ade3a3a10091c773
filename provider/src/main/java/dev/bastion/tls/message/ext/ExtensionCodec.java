package dev.bastion.tls.message.ext;

import static dev.bastion.tls.message.ext.MessageKind.CLIENT_HELLO;
import static dev.bastion.tls.message.ext.MessageKind.HELLO_RETRY_REQUEST;
import static dev.bastion.tls.message.ext.MessageKind.NEW_SESSION_TICKET;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import java.util.Optional;
import java.util.StringJoiner;

/** Picks the record, and the form of it, for one extension's data in a given message. */
final class ExtensionCodec {
    private ExtensionCodec() {
    }

    /**
     * Decodes {@code data} (exactly the extension_data) as the extension {@code code} of a
     * {@code kind} message. A recognized extension that the message may not carry is
     * illegal_parameter (RFC 8446 §4.2: "If an implementation receives an extension which it
     * recognizes and which is not specified for the message in which it appears, it MUST
     * abort the handshake with an illegal_parameter alert"); an unrecognized one is kept.
     */
    static Extension decode(int code, Reader data, MessageKind kind) {
        Optional<ExtensionType> known = ExtensionType.of(code);
        if (known.isEmpty()) {
            return UnknownExtension.decode(code, data);
        }
        ExtensionType type = known.get();
        if (!type.isAllowedIn(kind)) {
            throw TlsAlert.illegalParameter(kind.messageName() + " carries extension " + type.rfcName()
                    + "(" + code + "), which may appear only in " + columns(type) + " (RFC 8446 §4.2)");
        }
        Extension e = decodeKnown(type, data, kind);
        data.end("extension_data");
        return e;
    }

    private static Extension decodeKnown(ExtensionType type, Reader data, MessageKind kind) {
        return switch (type) {
            case SERVER_NAME -> ServerName.decode(data, kind);
            case MAX_FRAGMENT_LENGTH -> MaxFragmentLength.decode(data);
            case STATUS_REQUEST -> StatusRequest.decode(data);
            case SUPPORTED_GROUPS -> SupportedGroups.decode(data);
            case EC_POINT_FORMATS -> EcPointFormats.decode(data);
            case SIGNATURE_ALGORITHMS -> SignatureAlgorithms.decode(data);
            case SIGNATURE_ALGORITHMS_CERT -> SignatureAlgorithmsCert.decode(data);
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> Alpn.decode(data, kind);
            case PADDING -> Padding.decode(data);
            case ENCRYPT_THEN_MAC -> new EncryptThenMac();
            case EXTENDED_MASTER_SECRET -> new ExtendedMasterSecret();
            case RECORD_SIZE_LIMIT -> RecordSizeLimit.decode(data);
            case SESSION_TICKET -> SessionTicket.decode(data);
            case PRE_SHARED_KEY -> kind == CLIENT_HELLO
                    ? PreSharedKeyClientHello.decode(data) : PreSharedKeyServerHello.decode(data);
            case EARLY_DATA -> kind == NEW_SESSION_TICKET ? MaxEarlyDataSize.decode(data) : new EarlyData();
            case SUPPORTED_VERSIONS -> kind == CLIENT_HELLO
                    ? SupportedVersionsClientHello.decode(data) : SupportedVersionsServerHello.decode(data);
            case COOKIE -> Cookie.decode(data);
            case PSK_KEY_EXCHANGE_MODES -> PskKeyExchangeModes.decode(data);
            case CERTIFICATE_AUTHORITIES -> CertificateAuthorities.decode(data);
            case POST_HANDSHAKE_AUTH -> new PostHandshakeAuth();
            case KEY_SHARE -> kind == CLIENT_HELLO ? KeyShareClientHello.decode(data)
                    : kind == HELLO_RETRY_REQUEST ? KeyShareHelloRetryRequest.decode(data)
                    : KeyShareServerHello.decode(data);
            case RENEGOTIATION_INFO -> RenegotiationInfo.decode(data);
            case USE_SRTP, HEARTBEAT, SIGNED_CERTIFICATE_TIMESTAMP, COMPRESS_CERTIFICATE, OID_FILTERS ->
                    UnknownExtension.decode(type.code(), data);
        };
    }

    private static String columns(ExtensionType type) {
        StringJoiner j = new StringJoiner(", ");
        type.allowedIn().forEach(k -> j.add(k.abbreviation()));
        return j.toString();
    }
}
