package dev.bastion.tls.crypto;


/**
 * {@code resumption_master_secret} (RFC 8446 §7.1), from which the PSK of each
 * NewSessionTicket is derived (§4.6.1). Not thread-safe: it belongs to one connection,
 * whose handshake thread issues or receives tickets.
 */
public final class ResumptionMasterSecret extends HkdfSecret {

    /** Takes ownership of {@code secret}. */
    ResumptionMasterSecret(Hkdf hkdf, byte[] secret) {
        super(hkdf, secret, "resumption_master_secret");
        releaseHkdf(); // kept for tickets, which are rare: hold no JCA state meanwhile
    }

    /**
     * The PSK of a ticket (RFC 8446 §4.6.1): {@code HKDF-Expand-Label(resumption_master_secret,
     * "resumption", ticket_nonce, Hash.length)}. The caller owns the result (it goes into the
     * session) and wipes it when the session is dropped.
     *
     * @param ticketNonce NewSessionTicket.ticket_nonce (0..255 bytes)
     */
    public byte[] resumptionPsk(byte[] ticketNonce) {
        byte[] psk = hkdf().expandLabel(secret(), "resumption", ticketNonce, hash().length());
        releaseHkdf();
        return psk;
    }

}
