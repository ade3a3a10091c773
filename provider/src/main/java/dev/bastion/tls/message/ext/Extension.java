package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Writer;

/**
 * One extension of a handshake message (RFC 8446 §4.2): a record per extension and form we
 * understand, and {@link UnknownExtension} for everything else. Records are immutable and
 * compare by content.
 *
 * <p>Extensions whose body differs by message have one record per form, named after the
 * RFC's structures: {@link KeyShareClientHello} / {@link KeyShareServerHello} /
 * {@link KeyShareHelloRetryRequest}, {@link SupportedVersionsClientHello} /
 * {@link SupportedVersionsServerHello}, {@link PreSharedKeyClientHello} /
 * {@link PreSharedKeyServerHello}, {@link EarlyData} / {@link MaxEarlyDataSize}.
 */
public sealed interface Extension permits ServerName, MaxFragmentLength, StatusRequest, SupportedGroups,
        EcPointFormats, SignatureAlgorithms, SignatureAlgorithmsCert, Alpn, SupportedVersionsClientHello,
        SupportedVersionsServerHello, KeyShareClientHello, KeyShareServerHello, KeyShareHelloRetryRequest,
        PskKeyExchangeModes, PreSharedKeyClientHello, PreSharedKeyServerHello, Cookie, EarlyData,
        MaxEarlyDataSize, EncryptThenMac, ExtendedMasterSecret, RenegotiationInfo, SessionTicket,
        RecordSizeLimit, CertificateAuthorities, PostHandshakeAuth, Padding, UnknownExtension {

    /** The extension_type code on the wire. */
    int code();

    /** Writes {@code extension_data} (without the type and its length prefix). */
    void encodeData(Writer out);

    /** {@code key_share(51)}, {@code unknown(0x1234)}. */
    default String name() {
        return ExtensionType.nameOf(code());
    }
}
