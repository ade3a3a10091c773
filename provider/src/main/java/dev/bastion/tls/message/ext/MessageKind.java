package dev.bastion.tls.message.ext;

/**
 * The handshake messages that carry extensions: the columns of the RFC 8446 §4.2 table
 * (CH, SH, HRR, EE, CT, CR, NST), plus the TLS 1.2 ServerHello (RFC 5246 §7.4.1.4), whose
 * allowed set differs from the TLS 1.3 one. A ClientHello is the same kind for both versions.
 */
public enum MessageKind {
    CLIENT_HELLO("CH", "ClientHello"),
    SERVER_HELLO("SH", "ServerHello"),
    HELLO_RETRY_REQUEST("HRR", "HelloRetryRequest"),
    ENCRYPTED_EXTENSIONS("EE", "EncryptedExtensions"),
    CERTIFICATE("CT", "Certificate"),
    CERTIFICATE_REQUEST("CR", "CertificateRequest"),
    NEW_SESSION_TICKET("NST", "NewSessionTicket"),
    SERVER_HELLO_12("SH(1.2)", "TLS 1.2 ServerHello");

    private final String abbreviation;
    private final String messageName;

    MessageKind(String abbreviation, String messageName) {
        this.abbreviation = abbreviation;
        this.messageName = messageName;
    }

    /** The RFC 8446 §4.2 table's column name: {@code CH}, {@code EE}... */
    public String abbreviation() {
        return abbreviation;
    }

    /** For messages: {@code ClientHello}. */
    public String messageName() {
        return messageName;
    }

    @Override
    public String toString() {
        return messageName;
    }
}
