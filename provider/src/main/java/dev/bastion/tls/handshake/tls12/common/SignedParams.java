package dev.bastion.tls.handshake.tls12.common;

/**
 * What a TLS 1.2 ServerKeyExchange signs (RFC 5246 §7.4.3, RFC 8422 §5.4):
 * {@code ClientHello.random + ServerHello.random + params}.
 */
public final class SignedParams {
    private SignedParams() {
    }

    /** The bytes the signature covers. */
    public static byte[] content(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        byte[] out = new byte[clientRandom.length + serverRandom.length + params.length];
        System.arraycopy(clientRandom, 0, out, 0, clientRandom.length);
        System.arraycopy(serverRandom, 0, out, clientRandom.length, serverRandom.length);
        System.arraycopy(params, 0, out, clientRandom.length + serverRandom.length, params.length);
        return out;
    }
}
