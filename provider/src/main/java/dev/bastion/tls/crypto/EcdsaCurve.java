package dev.bastion.tls.crypto;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The prime curves ECDSA signature schemes use (RFC 8446 §4.2.3, RFC 8422 §5.1.1): a key's
 * curve is recognised by comparing all of its domain parameters, never by a name the key
 * might carry.
 */
public enum EcdsaCurve {
    SECP256R1("secp256r1"),
    SECP384R1("secp384r1"),
    SECP521R1("secp521r1");

    private final String standardName;
    private final ECDomainParameters domain;

    EcdsaCurve(String standardName) {
        this.standardName = standardName;
        X9ECParameters x9 = CustomNamedCurves.getByName(standardName);
        this.domain = new ECDomainParameters(x9);
    }

    /** The SEC 2 name, as JCA's {@code ECGenParameterSpec} takes it ({@code "secp256r1"}). */
    public String standardName() {
        return standardName;
    }

    /** Bit length of the group order, the key size JSSE reports. */
    public int orderBits() {
        return domain.getN().bitLength();
    }

    /** Bouncy Castle's optimised domain (custom field arithmetic) for this curve. */
    ECDomainParameters domain() {
        return domain;
    }

    /** The curve of an EC key that exposes its parameters; empty for other keys and curves. */
    public static Optional<EcdsaCurve> of(Key key) {
        if (key instanceof ECKey) {
            ECParameterSpec params = ((ECKey) key).getParams();
            return params == null ? Optional.empty() : of(params);
        }
        return Optional.empty();
    }

    /** The curve with exactly these domain parameters; empty for any other curve. */
    public static Optional<EcdsaCurve> of(ECParameterSpec spec) {
        for (EcdsaCurve c : values()) {
            if (c.sameAs(spec)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private boolean sameAs(ECParameterSpec spec) {
        if (!(spec.getCurve().getField() instanceof ECFieldFp)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        org.bouncycastle.math.ec.ECPoint g = domain.getG().normalize();
        return p.equals(domain.getCurve().getField().getCharacteristic())
                && spec.getCurve().getA().equals(domain.getCurve().getA().toBigInteger())
                && spec.getCurve().getB().equals(domain.getCurve().getB().toBigInteger())
                && spec.getOrder().equals(domain.getN())
                && spec.getCofactor() == domain.getH().intValue()
                && spec.getGenerator().getAffineX().equals(g.getAffineXCoord().toBigInteger())
                && spec.getGenerator().getAffineY().equals(g.getAffineYCoord().toBigInteger());
    }
}
