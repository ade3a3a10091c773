package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.Providers;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gRPC-java over Netty ({@code grpc-netty}, not the shaded artifact, so on the Netty 4.2 the
 * other tests use) with Bastion on both ends: each {@code SslContext} is built the way gRPC
 * documents, {@code GrpcSslContexts.configure(builder, SslProvider.JDK)} (its ciphers and ALPN
 * "h2"), then {@code sslContextProvider(Bastion)}. A unary call and a bidirectional streaming
 * call (40 messages up to 200 kB each way) over TLS 1.3 and TLS 1.2, with and without client
 * certificates; gRPC refuses a connection whose ALPN did not pick h2, and both ends' calls
 * expose the {@code SSLSession} ({@code Grpc.TRANSPORT_ATTR_SSL_SESSION}), which must be Bastion's.
 * gRPC's own defaults pick a JDK provider by name and never Bastion (see the last two tests).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcOnBastionTest {
    private static final String SESSION = "dev.bastion.tls.session.BastionSession";
    private static final Provider BASTION = bastion();
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> UNARY = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bastion.Echo/Describe")
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();
    private static final MethodDescriptor<String, String> CHAT = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING).setFullMethodName("bastion.Echo/Chat")
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();
    private static final Context.Key<SSLSession> SERVER_SESSION = Context.key("ssl-session");

    @ParameterizedTest(name = "{0} client certificate {1}")
    @CsvSource({"TLSv1.3, false", "TLSv1.3, true", "TLSv1.2, true"})
    void unaryAndStreamingCalls(String version, boolean mutual) throws Exception {
        SslContextBuilder serverBuilder = GrpcSslContexts.configure(
                SslContextBuilder.forServer(Credentials.keyManagerFactory(Credentials.get().keyStore(KeyType.EC_P256, true))), SslProvider.JDK)
                .sslContextProvider(BASTION).trustManager(Credentials.get().trustManagerFactory()).clientAuth(mutual ? ClientAuth.REQUIRE : ClientAuth.NONE);
        SslContextBuilder clientBuilder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .sslContextProvider(BASTION).trustManager(Credentials.get().trustManagerFactory()).protocols(version);
        if (mutual) {
            clientBuilder.keyManager(Credentials.keyManagerFactory(Credentials.get().keyStore(KeyType.EC_P256, false)));
        }
        SslContext serverTls = serverBuilder.build();
        SslContext clientTls = clientBuilder.build();
        List<SSLSession> clientSessions = new CopyOnWriteArrayList<>();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).sslContext(serverTls)
                .addService(ServerInterceptors.intercept(service(), new SessionIntoContext())).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.getPort()).sslContext(clientTls)
                .intercept(new SessionRecorder(clientSessions)).build();
        try {
            String described = ClientCalls.blockingUnaryCall(channel, UNARY,
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "who carries this?");
            String subject = mutual ? "CN=Bastion Test Client" : "none";
            assertEquals("who carries this? " + SESSION + " " + version + " " + subject, described);

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(i + ":" + "x".repeat(i % 4 == 3 ? 200_000 : i * 37));
            }
            List<String> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            StreamObserver<String> requests = ClientCalls.asyncBidiStreamingCall(
                    channel.newCall(CHAT, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(String value) {
                            received.add(value);
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(null);
                        }
                    });
            for (String s : sent) {
                requests.onNext(s);
            }
            requests.onCompleted();
            done.get(30, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (String s : sent) {
                expected.add(new StringBuilder(s).reverse().toString());
            }
            expected.add("count " + sent.size() + " " + SESSION + " " + version);
            assertEquals(expected, received, "the server's answers, in order");

            assertEquals(2, clientSessions.size(), "one session seen per call");
            for (SSLSession s : clientSessions) {
                assertEquals(SESSION, s.getClass().getName(), "who carried the client side");
                assertEquals(version, s.getProtocol());
                assertEquals("CN=localhost",
                        ((X509Certificate) s.getPeerCertificates()[0]).getSubjectX500Principal().getName());
            }
            assertEquals(1, clientSessions.stream().map(s -> new String(s.getId(), StandardCharsets.ISO_8859_1))
                    .distinct().count(), "both calls on one HTTP/2 connection");
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
            assertTrue(channel.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(server.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /**
     * gRPC's own {@code configure(builder, Provider)} takes only SunJSSE, IBMJSSE2, OpenJSSE or
     * Conscrypt by name ("Unknown provider; can't configure"): an application on Bastion goes
     * through {@code configure(builder, SslProvider.JDK)} and then names the provider, as above.
     */
    @Test
    void grpcConfigureByProviderKnowsOnlyProvidersByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GrpcSslContexts.configure(SslContextBuilder.forClient(), BASTION));
        assertTrue(e.getMessage().contains("Unknown provider"), e.getMessage());
    }

    /**
     * gRPC's documented default, {@code GrpcSslContexts.forClient()}, in fresh JVMs deployed as
     * the README says: it looks the JDK provider up by name, so with {@code bastion.security}
     * (Bastion first, SunJSSE behind it) it takes SunJSSE, not Bastion, and with
     * {@code bastion-without-sunjsse.security} it finds no provider it knows and throws. An
     * unchanged gRPC application therefore does not run on Bastion through the
     * {@code java.security} files alone: it must name the provider, as above.
     */
    @Test
    void grpcDefaultsPickSunJsseByNameOrNothing(@TempDir Path dir) throws Exception {
        FreshJvm first = AppsJvm.run(Files.createDirectory(dir.resolve("first")), "bastion.security",
                List.of("grpc-defaults"), Map.of());
        assertEquals(0, first.exitCode(), AppsJvm.tail(first));
        assertEquals("Bastion", first.values().get("default.provider"));
        assertEquals("SunJSSE", first.values().get("grpc-defaults.provider"), AppsJvm.tail(first));
        FreshJvm only = AppsJvm.run(Files.createDirectory(dir.resolve("only")), "bastion-without-sunjsse.security",
                List.of("grpc-defaults"), Map.of());
        assertEquals(0, only.exitCode(), AppsJvm.tail(only));
        assertEquals("java.lang.IllegalStateException: Could not find TLS ALPN provider; no working netty-tcnative, "
                + "Conscrypt, or Jetty NPN/ALPN available", only.values().get("grpc-defaults.error"), AppsJvm.tail(only));
    }

    /**
     * Describe answers the request, the session class, the protocol and the client certificate's
     * subject; Chat answers each message reversed, then a count with the session.
     */
    private static ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("bastion.Echo")
                .addMethod(UNARY, ServerCalls.asyncUnaryCall((request, response) -> {
                    SSLSession s = SERVER_SESSION.get();
                    response.onNext(request + " " + describe(s) + " " + clientSubject(s));
                    response.onCompleted();
                }))
                .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(response -> {
                    SSLSession s = SERVER_SESSION.get();
                    return new StreamObserver<String>() {
                        int count;

                        @Override
                        public void onNext(String value) {
                            count++;
                            response.onNext(new StringBuilder(value).reverse().toString());
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                            response.onNext("count " + count + " " + describe(s));
                            response.onCompleted();
                        }
                    };
                }))
                .build();
    }

    private static String describe(SSLSession s) {
        return s == null ? "no-tls" : s.getClass().getName() + " " + s.getProtocol();
    }

    private static String clientSubject(SSLSession s) {
        try {
            return ((X509Certificate) s.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return "none";
        }
    }

    /** Puts the call's SSLSession (gRPC's transport attribute) into the gRPC Context of the handler. */
    private static final class SessionIntoContext implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            SSLSession s = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            return Contexts.interceptCall(Context.current().withValue(SERVER_SESSION, s), call, headers, next);
        }
    }

    /** Records the SSLSession of each client call when its response headers arrive. */
    private static final class SessionRecorder implements ClientInterceptor {
        private final List<SSLSession> sessions;

        SessionRecorder(List<SSLSession> sessions) {
            this.sessions = sessions;
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    ClientCall<Q, A> call = delegate();
                    super.start(new SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onHeaders(Metadata h) {
                            SSLSession s = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                            assertNotNull(s, "the client call's SSLSession");
                            sessions.add(s);
                            super.onHeaders(h);
                        }
                    }, headers);
                }
            };
        }
    }


    private static Provider bastion() {
        Providers.install();
        return Security.getProvider("Bastion");
    }
}
