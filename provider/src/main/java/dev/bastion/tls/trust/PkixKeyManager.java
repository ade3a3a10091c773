package dev.bastion.tls.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;

/**
 * Bastion's X.509 key manager over a list of {@link KeyStore.Builder}s (what SunJSSE's
 * "NewSunX509"/"PKIX" key manager is built over): it chooses among the private key entries by
 * key type, by issuer, and, for a server, by the host name the client requested (SNI).
 *
 * <p>Among the entries of the wanted key type whose chain has a certificate issued by one of
 * {@code issuers} (any when none are given), the choice prefers, in this order: an end-entity
 * certificate fit for the purpose (key usage / extended key usage, {@link EndEntityUsage}) that
 * names the requested server name (RFC 6125 rules, {@link HostnameChecker}) and is valid now;
 * one valid now; one naming the server name; any fit one; and last an unfit one. Ties go to the
 * earlier key type, then to the earlier builder and alias. An entry whose private key cannot be
 * recovered (wrong password) is passed over. {@code getServerAliases}/{@code getClientAliases}
 * list the aliases in the same order of preference (as SunJSSE's "PKIX" key manager does).
 *
 * <p>Aliases are {@code "<builder index>.<key store alias>"}, as SunJSSE's "PKIX" key manager
 * makes them unique across builders; over one key store given with its password (the
 * "SunX509" factory) they are the key store's own aliases, as with SunJSSE's "SunX509", so that
 * an application that names its entry (Tomcat's {@code certificateKeyAlias}, Jetty's
 * {@code certAlias}) finds it. Entries are read when first chosen and kept.
 */
public final class PkixKeyManager extends X509ExtendedKeyManager {
    private final List<KeyStore.Builder> builders;
    /** Aliases are the key store's own (one builder): the "SunX509" factory's key manager. */
    private final boolean storeAliases;
    private final Map<String, KeyStore.PrivateKeyEntry> entries = new ConcurrentHashMap<>();

    /** A candidate: its alias, its rank (lower is better) and the index of the key type it fits. */
    private record Candidate(String alias, int rank, int keyTypeIndex) {
    }

    public PkixKeyManager(List<KeyStore.Builder> builders) {
        this(builders, false);
    }

    private PkixKeyManager(List<KeyStore.Builder> builders, boolean storeAliases) {
        this.builders = List.copyOf(builders);
        this.storeAliases = storeAliases;
    }

    /**
     * Over {@code keyStore} with one password for every key entry (what
     * {@code KeyManagerFactory.init(KeyStore, char[])} means); no keys for a null store. Every
     * key entry is opened at once, as SunJSSE's default "SunX509" key manager does, so a wrong
     * password fails here rather than in a later handshake.
     *
     * @param storeAliases whether aliases are the key store's own rather than prefixed by the
     *     builder's index (SunJSSE's "SunX509" rather than its "PKIX" key manager)
     * @throws UnrecoverableKeyException naming the entry whose key {@code password} does not open
     */
    public static PkixKeyManager of(KeyStore keyStore, char[] password, boolean storeAliases)
            throws KeyStoreException, UnrecoverableKeyException {
        if (keyStore == null) {
            return new PkixKeyManager(List.of(), storeAliases);
        }
        for (String alias : Collections.list(keyStore.aliases())) {
            if (!keyStore.isKeyEntry(alias)) {
                continue;
            }
            try {
                keyStore.getKey(alias, password);
            } catch (UnrecoverableKeyException | NullPointerException e) {
                if (e instanceof NullPointerException && password != null) {
                    throw e;
                }
                // the JDK's PKCS12 store reads a null password with an NPE where the key is encrypted
                UnrecoverableKeyException wrong = new UnrecoverableKeyException("the password "
                        + (password == null ? "(none given)" : "given") + " does not open the private key of entry '"
                        + alias + "' [" + e.getMessage() + "]");
                wrong.initCause(e);
                throw wrong;
            } catch (NoSuchAlgorithmException e) {
                throw new KeyStoreException("cannot read the private key of entry '" + alias + "': " + e.getMessage(), e);
            }
        }
        return new PkixKeyManager(List.of(KeyStore.Builder.newInstance(keyStore, new KeyStore.PasswordProtection(password))),
                storeAliases);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliases(keyType, issuers, false);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliases(keyType, issuers, true);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes, issuers, false, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(new String[] {keyType}, issuers, true, requestedHost(handshakeSession(socket)));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, issuers, false, null);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(new String[] {keyType}, issuers, true, requestedHost(engine == null ? null : engine.getHandshakeSession()));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyStore.PrivateKeyEntry e = entry(alias);
        if (e == null) {
            return null;
        }
        Certificate[] chain = e.getCertificateChain();
        X509Certificate[] out = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            out[i] = (X509Certificate) chain[i];
        }
        return out;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyStore.PrivateKeyEntry e = entry(alias);
        return e == null ? null : e.getPrivateKey();
    }

    private String[] aliases(String keyType, Principal[] issuers, boolean server) {
        List<Candidate> found = candidates(new String[] {keyType}, issuers, server, null);
        found.sort(Comparator.comparingInt(Candidate::rank)); // stable: key store order within a rank, as SunJSSE
        return found.isEmpty() ? null : found.stream().map(Candidate::alias).toArray(String[]::new);
    }

    private String choose(String[] keyTypes, Principal[] issuers, boolean server, String host) {
        if (keyTypes == null || keyTypes.length == 0) {
            return null;
        }
        List<Candidate> found = candidates(keyTypes, issuers, server, host);
        found.sort(Comparator.comparingInt(Candidate::rank).thenComparingInt(Candidate::keyTypeIndex));
        for (Candidate c : found) {
            if (entry(c.alias()) != null) {
                return c.alias();
            }
        }
        return null;
    }

    private List<Candidate> candidates(String[] keyTypes, Principal[] issuers, boolean server, String host) {
        Set<X500Principal> wanted = issuerSet(issuers);
        List<Candidate> out = new ArrayList<>();
        for (int b = 0; b < builders.size(); b++) {
            KeyStore ks = keyStore(b);
            if (ks == null) {
                continue;
            }
            try {
                for (String alias : Collections.list(ks.aliases())) {
                    X509Certificate[] chain = x509Chain(ks, alias);
                    if (chain == null || !issuedBy(chain, wanted)) {
                        continue;
                    }
                    for (int t = 0; t < keyTypes.length; t++) {
                        if (KeyTypes.matches(keyTypes[t], chain)) {
                            out.add(new Candidate(storeAliases ? alias : b + "." + alias, rank(chain[0], server, host), t));
                            break;
                        }
                    }
                }
            } catch (GeneralSecurityException e) {
                // an unreadable key store offers nothing, as with SunJSSE's key manager
            }
        }
        return out;
    }

    private static int rank(X509Certificate leaf, boolean server, String host) {
        if (!EndEntityUsage.fit(leaf, server)) {
            return 4;
        }
        boolean valid = validNow(leaf);
        boolean named = host == null || names(leaf, host);
        if (named && valid) {
            return 0;
        }
        if (valid) {
            return 1;
        }
        return named ? 2 : 3;
    }

    private static boolean validNow(X509Certificate cert) {
        try {
            cert.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static boolean names(X509Certificate cert, String host) {
        try {
            HostnameChecker.check(host, cert);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private KeyStore keyStore(int builder) {
        try {
            return builders.get(builder).getKeyStore();
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static X509Certificate[] x509Chain(KeyStore ks, String alias) throws GeneralSecurityException {
        if (!ks.isKeyEntry(alias)) {
            return null;
        }
        Certificate[] chain = ks.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            return null;
        }
        X509Certificate[] out = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate)) {
                return null;
            }
            out[i] = (X509Certificate) chain[i];
        }
        return out;
    }

    private static Set<X500Principal> issuerSet(Principal[] issuers) {
        if (issuers == null || issuers.length == 0) {
            return null;
        }
        Set<X500Principal> out = new HashSet<>();
        for (Principal p : issuers) {
            if (p instanceof X500Principal) {
                out.add((X500Principal) p);
            } else if (p != null) {
                try {
                    out.add(new X500Principal(p.getName()));
                } catch (IllegalArgumentException e) {
                    // not an X.500 name: it can match nothing
                }
            }
        }
        return out;
    }

    private static boolean issuedBy(X509Certificate[] chain, Set<X500Principal> wanted) {
        if (wanted == null) {
            return true;
        }
        for (X509Certificate c : chain) {
            if (wanted.contains(c.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private KeyStore.PrivateKeyEntry entry(String alias) {
        if (alias == null) {
            return null;
        }
        KeyStore.PrivateKeyEntry cached = entries.get(alias);
        if (cached != null) {
            return cached;
        }
        int dot = storeAliases ? -1 : alias.indexOf('.'); // "<builder>.<name>", or the name itself (builder 0)
        if (dot == 0 || dot < 0 && !storeAliases) {
            return null;
        }
        try {
            int b = storeAliases ? 0 : Integer.parseInt(alias.substring(0, dot));
            if (b < 0 || b >= builders.size()) {
                return null;
            }
            String name = alias.substring(dot + 1);
            KeyStore.Builder builder = builders.get(b);
            KeyStore.Entry e = builder.getKeyStore().getEntry(name, builder.getProtectionParameter(name));
            if (!(e instanceof KeyStore.PrivateKeyEntry) || !(((KeyStore.PrivateKeyEntry) e).getCertificate() instanceof X509Certificate)) {
                return null;
            }
            entries.put(alias, (KeyStore.PrivateKeyEntry) e);
            return (KeyStore.PrivateKeyEntry) e;
        } catch (NumberFormatException | GeneralSecurityException e) {
            return null;
        }
    }

    private static SSLSession handshakeSession(Socket socket) {
        return socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null;
    }

    /** The SNI host name a client asked for, from the handshake session; null if none. */
    private static String requestedHost(SSLSession session) {
        if (session instanceof ExtendedSSLSession) {
            for (SNIServerName n : ((ExtendedSSLSession) session).getRequestedServerNames()) {
                if (n instanceof SNIHostName) {
                    return ((SNIHostName) n).getAsciiName();
                }
            }
        }
        return null;
    }
}
