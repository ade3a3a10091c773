package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.ext.Codes;
import java.security.PublicKey;
import java.util.List;

/**
 * Proof that the peer signed the handshake with the key of a chain the trust manager accepted
 * (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange or CertificateVerify). Only
 * {@link #check} creates one.
 */
public final class SignatureVerified {
    private final SignatureScheme scheme;

    private SignatureVerified(SignatureScheme scheme) {
        this.scheme = scheme;
    }

    /**
     * Checks the peer's signature over {@code content}.
     *
     * @param schemeCode the scheme the peer used
     * @param acceptable the schemes we offered for this signature
     * @param version the protocol version (ECDSA curves are bound to schemes in TLS 1.3)
     * @param signer "server" or "client", for the alert text
     * @throws TlsAlert {@code illegal_parameter} for a scheme we did not offer or that does not
     *     fit the certificate's key (RFC 8446 §4.4.3); {@code decrypt_error} when the signature
     *     does not verify
     */
    public static SignatureVerified check(int schemeCode, byte[] signature, List<SignatureScheme> acceptable,
            int version, PeerVerified peer, byte[] content, String signer) {
        SignatureScheme scheme = acceptable.stream().filter(s -> s.code() == schemeCode).findFirst()
                .orElseThrow(() -> TlsAlert.illegalParameter(signer + " signed with " + Codes.scheme(schemeCode)
                        + ", which was not offered (offered: " + acceptable + ")"));
        PublicKey key = peer.publicKey();
        if (!scheme.matches(key, version)) {
            throw TlsAlert.illegalParameter(signer + " signed with " + scheme + ", which does not fit the "
                    + key.getAlgorithm() + " key of its certificate " + peer.chain().get(0).getSubjectX500Principal());
        }
        scheme.verify(key, content, signature);
        return new SignatureVerified(scheme);
    }

    /** The scheme that was verified. */
    public SignatureScheme scheme() {
        return scheme;
    }

    @Override
    public String toString() {
        return "SignatureVerified(" + scheme + ")";
    }
}
