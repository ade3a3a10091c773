package dev.bastion.tls.it.support;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that hands out the engines of an initialised context unchanged and
 * keeps each one, so a test can show whose engine an application (which accepts only an
 * SSLContext, such as {@code java.net.http.HttpClient}) really used.
 */
public final class RecordingContext {
    private final List<SSLEngine> engines = new CopyOnWriteArrayList<>();
    private final SSLContext context;

    public RecordingContext(SSLContext delegate) {
        context = new SSLContext(new Spi(delegate), delegate.getProvider(), delegate.getProtocol()) {
        };
    }

    public SSLContext context() {
        return context;
    }

    /** Every engine created so far, in order. */
    public List<SSLEngine> engines() {
        return List.copyOf(engines);
    }

    private final class Spi extends SSLContextSpi {
        private final SSLContext d;

        Spi(SSLContext d) {
            this.d = d;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return d.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return d.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine e = d.createSSLEngine();
            engines.add(e);
            return e;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine e = d.createSSLEngine(host, port);
            engines.add(e);
            return e;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return d.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return d.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return d.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return d.getSupportedSSLParameters();
        }
    }
}
