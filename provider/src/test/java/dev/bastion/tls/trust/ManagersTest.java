package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.testutil.SelfSigned;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class ManagersTest {
    @Test
    void extendedManagersAreUsedAsTheyAre() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        X509ExtendedTrustManager tm = TrustManagers.choose(pki.trustManagers());
        assertSame(pki.trustManagers()[0].getClass(), tm.getClass());
        assertNull(TrustManagers.choose(new TrustManager[0]));
        assertNull(TrustManagers.choose(null));
        KeyManager[] kms = pki.keyManagers();
        assertSame(kms[0], KeyManagers.choose(kms));
        assertSame(KeyManagers.NONE, KeyManagers.choose(null));
        assertNull(KeyManagers.NONE.chooseEngineServerAlias("EC", null, null));
        assertNull(KeyManagers.NONE.getCertificateChain("any"));
    }

    @Test
    void plainTrustManagerIsCalledByTheEngineMethods() throws Exception {
        List<String> calls = new ArrayList<>();
        X509TrustManager plain = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                calls.add("client " + authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                calls.add("server " + authType);
                if ("bad".equals(authType)) {
                    throw new CertificateException("refused");
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        X509ExtendedTrustManager tm = TrustManagers.extended(plain);
        X509Certificate[] chain = SelfSigned.localhost().chain();
        tm.checkServerTrusted(chain, "EC", (javax.net.ssl.SSLEngine) null);
        tm.checkClientTrusted(chain, "RSA", (Socket) null);
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain, "bad", (javax.net.ssl.SSLEngine) null));
        assertEquals(List.of("server EC", "client RSA", "server bad"), calls);
    }

    @Test
    void plainKeyManagerAnswersTheEngineMethods() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        X509KeyManager plain = new X509KeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "client-" + keyType.length;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return "EC".equals(keyType) ? "server" : null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return pki.chain();
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return pki.keys().getPrivate();
            }
        };
        X509ExtendedKeyManager km = KeyManagers.extended(plain);
        assertEquals("server", km.chooseEngineServerAlias("EC", null, null));
        assertNull(km.chooseEngineServerAlias("RSA", null, null));
        assertEquals("client-2", km.chooseEngineClientAlias(new String[] {"EC", "RSA"}, null, null));
        assertEquals(pki.certificate(), km.getCertificateChain("server")[0]);
    }
}
