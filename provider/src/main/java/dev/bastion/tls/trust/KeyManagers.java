package dev.bastion.tls.trust;

import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Chooses and adapts the key manager of an {@code SSLContext}, as SunJSSE does: the first
 * {@link X509KeyManager} among those given; an {@link X509ExtendedKeyManager} is used as it
 * is, a plain one is wrapped so that the engine methods call its socket-less methods. With
 * none, {@link #NONE} has no keys at all (a server then has nothing to authenticate with).
 */
public final class KeyManagers {
    /** A key manager without keys (SunJSSE's answer to {@code init(null, ...)}). */
    public static final X509ExtendedKeyManager NONE = new PlainKeyManagerAdapter(new EmptyKeyManager());

    private KeyManagers() {
    }

    /** The first X.509 key manager in {@code managers}, made extended; {@link #NONE} if there is none. */
    public static X509ExtendedKeyManager choose(KeyManager[] managers) {
        if (managers != null) {
            for (KeyManager m : managers) {
                if (m instanceof X509KeyManager) {
                    return extended((X509KeyManager) m);
                }
            }
        }
        return NONE;
    }

    /** {@code km} itself if extended, else a wrapper. */
    public static X509ExtendedKeyManager extended(X509KeyManager km) {
        Objects.requireNonNull(km, "km");
        return km instanceof X509ExtendedKeyManager ? (X509ExtendedKeyManager) km : new PlainKeyManagerAdapter(km);
    }
}
