package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small API behaviours applications meet, the same on SunJSSE and Bastion: a socket factory
 * given a null host connects to the loopback address (as {@code java.net.Socket} does); a server
 * socket reports no maximum packet size until one is set, while the sockets it accepts report
 * the default; a listener put into a session again is told it was unbound, then bound.
 */
class ApiParityTest {

    @BeforeAll
    static void install() {
        Providers.install();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void aNullHostMeansTheLoopbackAddress(String provider) throws Exception {
        SSLContext ctx = Credentials.get().context(provider, null, false);
        try (ServerSocket listener = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket((String) null, listener.getLocalPort());
                    Socket accepted = listener.accept()) {
                assertEquals(InetAddress.getLoopbackAddress(), s.getInetAddress());
                assertEquals(s.getLocalPort(), accepted.getPort());
            }
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket((String) null, listener.getLocalPort(),
                    InetAddress.getLoopbackAddress(), 0); Socket accepted = listener.accept()) {
                assertEquals(InetAddress.getLoopbackAddress(), s.getInetAddress());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void aServerSocketHasNoMaximumPacketSizeUntilOneIsSet(String provider) throws Exception {
        SSLContext ctx = Credentials.get().context(provider, KeyType.EC_P256, true);
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 2,
                InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
                SSLSocket accepted = (SSLSocket) ss.accept()) {
            assertEquals(0, ss.getSSLParameters().getMaximumPacketSize());
            assertEquals(16709, accepted.getSSLParameters().getMaximumPacketSize(), "an accepted socket has the default");
            var p = ss.getSSLParameters();
            p.setMaximumPacketSize(1000);
            ss.setSSLParameters(p);
            assertEquals(1000, ss.getSSLParameters().getMaximumPacketSize());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void aListenerPutAgainIsUnboundThenBound(String provider) throws Exception {
        SSLContext server = Credentials.get().context(provider, KeyType.EC_P256, true);
        SSLContext client = Credentials.get().context(provider, null, false);
        SSLSession session = new EnginePair(client.createSSLEngine("localhost", 443), server.createSSLEngine()).handshake()
                .client.getSession();
        List<String> events = new ArrayList<>();
        SSLSessionBindingListener listener = new SSLSessionBindingListener() {
            @Override
            public void valueBound(SSLSessionBindingEvent e) {
                events.add("bound " + e.getName());
            }

            @Override
            public void valueUnbound(SSLSessionBindingEvent e) {
                events.add("unbound " + e.getName());
            }
        };
        session.putValue("k", listener);
        session.putValue("k", listener);
        session.removeValue("k");
        assertEquals(List.of("bound k", "unbound k", "bound k", "unbound k"), events);
    }
}
