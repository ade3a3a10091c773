package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.EnginePair.Step;
import dev.bastion.tls.it.support.RunningJdk;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same full TLS 1.3 handshake, driven the same way, gives the same sequence of
 * {@code SSLEngineResult} statuses and handshake statuses on SunJSSE and on Bastion: what
 * applications that drive engines by hand (Netty, HttpClient, Jetty) depend on.
 *
 * <p>Both servers send NewSessionTickets right after they read the client's Finished, so their
 * last steps are {@code server.unwrap -> NEED_WRAP}, {@code server.wrap -> FINISHED} and the
 * client's unwrap of the tickets. One known difference remains: SunJSSE's client reports
 * {@code FINISHED} a second time on that unwrap (it does for every post-handshake message),
 * Bastion's reports {@code FINISHED} once, when its handshake completed, and
 * {@code NOT_HANDSHAKING} for the tickets. {@link #withoutSecondFinished} replaces exactly that
 * one status, and the test checks that it is there to replace.
 */
class StatusSequenceTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void handshakeStatusSequenceMatchesSunJsse(boolean clientAuth) throws Exception {
        List<Step> sun = withoutSecondFinished(run("SunJSSE", clientAuth));
        List<Step> bastion = run("Bastion", clientAuth);
        assertEquals(render(sun), render(bastion));
    }

    /**
     * TLS 1.2, one side at a time, the other side being Bastion in both runs: SunJSSE's server
     * against a Bastion client gives the same sequence as Bastion's server against it, and
     * SunJSSE's client against a Bastion server the same as Bastion's client; and SunJSSE against
     * itself the same as Bastion against itself (both with an RFC 5077 NewSessionTicket before
     * the server's ChangeCipherSpec).
     */
    @ParameterizedTest
    @MethodSource("tls12Cases")
    void tls12StatusSequenceMatchesSunJsse(String suite, boolean clientAuth) throws Exception {
        String bastionBoth = render(run12("Bastion", "Bastion", suite, clientAuth));
        assertEquals(render(run12("Bastion", "SunJSSE", suite, clientAuth)), bastionBoth, "server side");
        assertEquals(render(run12("SunJSSE", "Bastion", suite, clientAuth)), bastionBoth, "client side");
        assertEquals(render(run12("SunJSSE", "SunJSSE", suite, clientAuth)), bastionBoth, "both sides");
    }

    /**
     * ECDHE with ECDSA, RSA key transport (no ServerKeyExchange) unless the running JDK disables
     * it ({@code TLS_RSA_*} from JDK 24 on; that both providers then refuse it alike is checked by
     * {@code Tls12EngineMatrixTest.suitesTheJdkDisablesAreRefused}), DHE, ChaCha20-Poly1305.
     */
    static Stream<Arguments> tls12Cases() {
        return Stream.of(Arguments.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false),
                Arguments.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true),
                Arguments.of("TLS_RSA_WITH_AES_128_GCM_SHA256", false),
                Arguments.of("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", true),
                Arguments.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", true))
                .filter(a -> !RunningJdk.suiteDisabled((String) a.get()[0]));
    }

    /**
     * A resumed handshake (the second connection of the same contexts to the same peer), TLS 1.3
     * with a ticket and TLS 1.2 with a ticket or a session id: the same sequences on both
     * providers, but for SunJSSE's second FINISHED after a TLS 1.3 ticket.
     */
    @ParameterizedTest
    @CsvSource({"TLSv1.3, true", "TLSv1.2, true", "TLSv1.2, false"})
    void resumedHandshakeStatusSequenceMatchesSunJsse(String protocol, boolean tickets) throws Exception {
        List<Step> sun = resumed("SunJSSE", protocol, tickets);
        List<Step> bastion = resumed("Bastion", protocol, tickets);
        assertEquals(render(protocol.equals("TLSv1.3") ? withoutSecondFinished(sun) : sun), render(bastion));
    }

    private static List<Step> resumed(String provider, String protocol, boolean tickets) throws Exception {
        javax.net.ssl.SSLContext[] contexts = ResumptionTest.contexts(provider, provider, tickets);
        ResumptionTest.connect(contexts, protocol);
        EnginePair second = ResumptionTest.connect(contexts, protocol);
        assertEquals(second.server.getSession().getCreationTime(),
                ResumptionTest.connect(contexts, protocol).server.getSession().getCreationTime(), "resumed");
        return second.steps();
    }

    private static List<Step> run12(String clientProvider, String serverProvider, String suite, boolean clientAuth)
            throws Exception {
        KeyType type = suite.contains("ECDSA") ? KeyType.EC_P256 : KeyType.RSA;
        SSLEngine client = Credentials.get().context(clientProvider, clientAuth ? type : null, false)
                .createSSLEngine("localhost", 443);
        SSLEngine server = Credentials.get().context(serverProvider, type, true).createSSLEngine();
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {"TLSv1.2"});
            e.setEnabledCipherSuites(new String[] {suite});
        }
        server.setNeedClientAuth(clientAuth);
        return new EnginePair(client, server).handshake().steps();
    }

    private static List<Step> run(String provider, boolean clientAuth) throws Exception {
        SSLEngine client = Credentials.get().context(provider, clientAuth ? KeyType.EC_P256 : null, false)
                .createSSLEngine("localhost", 443);
        SSLEngine server = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            e.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        }
        server.setNeedClientAuth(clientAuth);
        return new EnginePair(client, server).handshake().steps();
    }

    /**
     * SunJSSE's second FINISHED (see the class comment) turned into Bastion's NOT_HANDSHAKING: the
     * sequence must end with the client's unwrap of the server's tickets.
     */
    static List<Step> withoutSecondFinished(List<Step> steps) {
        int n = steps.size();
        Step last = steps.get(n - 1);
        assertEquals("client.unwrap -> OK/FINISHED consumed", last.toString(), "SunJSSE's sequence ends with its ticket");
        assertEquals("server.wrap -> OK/FINISHED produced", steps.get(n - 2).toString());
        List<Step> out = new java.util.ArrayList<>(steps.subList(0, n - 1));
        out.add(new Step("client", "unwrap", last.status(), HandshakeStatus.NOT_HANDSHAKING, true, false));
        return out;
    }

    private static String render(List<Step> steps) {
        return steps.stream().map(Step::toString).collect(Collectors.joining("\n"));
    }
}
