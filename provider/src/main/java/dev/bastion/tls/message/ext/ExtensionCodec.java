package dev.bastion.tls.message.ext;

import static dev.bastion.tls.message.ext.MessageKind.CLIENT_HELLO;
import static dev.bastion.tls.message.ext.MessageKind.HELLO_RETRY_REQUEST;
import static dev.bastion.tls.message.ext.MessageKind.NEW_SESSION_TICKET;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Decodes extension blocks: first the raw entries (type, data) with the block-level rules of
 * RFC 8446 §4.2 (no duplicates, pre_shared_key last in a ClientHello), then each entry's
 * record, in the form the message calls for.
 */
final class ExtensionCodec {
    private ExtensionCodec() {
    }

    /** The extensions of a {@code kind} block (the block's length prefix already read). */
    static List<Extension> decodeBlock(Reader block, MessageKind kind) {
        return typed(readRaw(block, kind == CLIENT_HELLO), kind);
    }

    /**
     * A ServerHello's block: a HelloRetryRequest if {@code helloRetryRequest}, else a TLS 1.3
     * ServerHello if it carries supported_versions (RFC 8446 §4.2.1), else a TLS 1.2 one.
     */
    static List<Extension> decodeServerHelloBlock(Reader block, boolean helloRetryRequest) {
        List<Raw> raw = readRaw(block, false);
        MessageKind kind = helloRetryRequest ? HELLO_RETRY_REQUEST
                : has(raw, ExtensionType.SUPPORTED_VERSIONS.code()) ? MessageKind.SERVER_HELLO : MessageKind.SERVER_HELLO_12;
        return typed(raw, kind);
    }

    private static boolean has(List<Raw> raw, int code) {
        for (Raw x : raw) {
            if (x.code == code) {
                return true;
            }
        }
        return false;
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

    private static List<Raw> readRaw(Reader block, boolean clientHello) {
        List<Raw> out = new ArrayList<>();
        CodeSet seen = new CodeSet();
        while (block.hasRemaining()) {
            int code = block.u16("extension_type");
            Reader data = block.vec16(0, 0xFFFF, ExtensionType.fieldName(code));
            if (!seen.add(code)) {
                throw TlsAlert.illegalParameter("extension " + ExtensionType.nameOf(code)
                        + " appears twice (RFC 8446 §4.2)");
            }
            // RFC 8446 §4.2.11: "Servers MUST check that it is the last extension and otherwise
            // fail the handshake with an illegal_parameter alert."
            if (clientHello && code == ExtensionType.PRE_SHARED_KEY.code() && block.hasRemaining()) {
                throw TlsAlert.illegalParameter("ClientHello: pre_shared_key is not the last extension"
                        + " (RFC 8446 §4.2.11)");
            }
            out.add(new Raw(code, data));
        }
        return out;
    }

    private static List<Extension> typed(List<Raw> raw, MessageKind kind) {
        List<Extension> out = new ArrayList<>(raw.size());
        for (Raw x : raw) {
            out.add(decode(x.code, x.data, kind));
        }
        return List.copyOf(out);
    }

    /** One extension before its data is interpreted. */
    private record Raw(int code, Reader data) {
    }
}
