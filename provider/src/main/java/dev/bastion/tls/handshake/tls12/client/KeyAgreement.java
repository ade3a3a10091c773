package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.Tls12Options;
import dev.bastion.tls.message.DheParams;
import dev.bastion.tls.message.EcdheParams;
import dev.bastion.tls.message.ServerKeyExchangeParams;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.SupportedGroups;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * What the server's key exchange gave the client, checked, and how the client answers it
 * ({@link #answer}): ECDHE on a curve the client offered (RFC 8422 §5.4), DHE with a prime of
 * at least {@link Tls12Options#minDhPrimeBits} bits (2048, RFC 7919 §3, unless
 * {@code jdk.tls.disabledAlgorithms} asks for more), or the server's RSA key for key transport
 * (RFC 5246 §7.4.7.1).
 */
sealed interface KeyAgreement permits EcdheAgreement, DheAgreement, RsaAgreement {

    /** The group agreed on, when there is one (an RFC 7919 group for DHE when the server used one). */
    Optional<NamedGroup> group();

    /**
     * Computes the client's ClientKeyExchange and the premaster secret.
     *
     * @throws TlsAlert {@code illegal_parameter} for a server value that is not valid for its group
     */
    ClientExchange answer(ClientOffer offer, HandshakeIo io);

    /** RSA key transport to the server certificate's key. */
    static KeyAgreement rsa(PublicKey serverKey) {
        return new RsaAgreement(serverKey);
    }

    /**
     * Checks a ServerKeyExchange's params: the curve must be one the client offered in
     * supported_groups (illegal_parameter, RFC 8422 §5.4); the DH group must be large enough
     * for {@link Tls12Options#minDhPrimeBits} (insufficient_security, the alert SunJSSE sends for
     * a key its algorithm constraints refuse) and well formed (illegal_parameter), see
     * {@link DhParameters#fromServer}.
     */
    static KeyAgreement of(ServerKeyExchangeParams params, ClientOffer offer) {
        if (params instanceof EcdheParams) {
            EcdheParams ec = (EcdheParams) params;
            List<Integer> offered = offer.hello().extensions().supportedGroups().map(SupportedGroups::groups)
                    .orElse(List.of());
            Optional<NamedGroup> group = NamedGroup.fromCode(ec.namedCurve())
                    .filter(g -> g.family() == NamedGroup.Family.ECDHE && offered.contains(g.code()));
            if (group.isEmpty()) {
                throw TlsAlert.illegalParameter("ServerKeyExchange uses curve " + Codes.group(ec.namedCurve())
                        + ", which the client did not offer (offered: " + Negotiator.groupList(offered) + ", RFC 8422 §5.4)");
            }
            return new EcdheAgreement(group.get(), ec.point().toByteArray());
        }
        DheParams dh = (DheParams) params;
        DhParameters p = DhParameters.fromServer(dh.p().toByteArray(), dh.g().toByteArray(),
                offer.config().tls12().minDhPrimeBits());
        return new DheAgreement(p, dh.ys().toByteArray());
    }
}
