package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Opaque;

/**
 * {@code ServerECDHParams} (RFC 8422 §5.4): {@code ECParameters curve_params; ECPoint public},
 * where curve_params is {@code ECCurveType curve_type} = named_curve(3) then a u16 NamedCurve,
 * and the point is {@code opaque point<1..2^8-1>}. The explicit curve types are deprecated
 * (RFC 8422 §5.4) and rejected with illegal_parameter, as OpenSSL does.
 */
public record EcdheParams(int namedCurve, Opaque point) implements ServerKeyExchangeParams {
    /** ECCurveType named_curve. */
    public static final int NAMED_CURVE = 3;

    public EcdheParams {
        Checks.u16(namedCurve, "namedcurve");
        Checks.length(point, 1, 0xFF, "point");
    }

    public static EcdheParams decode(Reader r) {
        int type = r.u8("curve_type");
        if (type != NAMED_CURVE) {
            throw TlsAlert.illegalParameter("ServerKeyExchange.curve_type: " + type
                    + ", only named_curve(3) is allowed (RFC 8422 §5.4)");
        }
        int curve = r.u16("namedcurve");
        return new EcdheParams(curve, Opaque.read8(r, 1, 0xFF, "point"));
    }

    @Override
    public KeyExchangeKind kind() {
        return KeyExchangeKind.ECDHE;
    }

    @Override
    public void encode(Writer out) {
        out.u8(NAMED_CURVE);
        out.u16(namedCurve);
        point.write8(out);
    }

    @Override
    public String toString() {
        return "{named_curve=" + Codes.group(namedCurve) + ", point=" + point + "}";
    }
}
