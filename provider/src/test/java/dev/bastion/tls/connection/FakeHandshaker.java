package dev.bastion.tls.connection;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.HashAlgorithm;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.EndOfEarlyData;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A scripted stand-in for the TLS 1.3 handshakers, shaped like a real TLS 1.3 handshake so the
 * connection core and the engine can be tested before the real ones exist. Fixed keys, no
 * cryptography beyond record protection.
 *
 * <pre>
 * client                                     server
 * EndOfEarlyData ("ClientHello")  ------->   (delegated task)
 *                                 <-------   EncryptedExtensions ("ServerHello", plaintext)
 *                                            change_cipher_spec
 *                                            {EncryptedExtensions, Finished} under S_HS
 *                                            [write keys S_AP]
 * (task) change_cipher_spec, [C_HS]  ---->
 * (task) {Finished} under C_HS       ---->   (inline) [read keys C_AP], complete
 * [C_AP / S_AP], complete            <----   optional NewSessionTicket under S_AP
 * </pre>
 *
 * KeyUpdate is handled in both directions with a fixed key sequence per direction.
 */
public final class FakeHandshaker implements Handshaker {
    public static final TrafficKeys C_HS = keys(1);
    public static final TrafficKeys S_HS = keys(2);

    private final boolean client;
    private final boolean sendTicket;
    private Predicate<HandshakeMessage> failOn = m -> false;
    private RuntimeException failure;
    private int step;
    private int writeGeneration;
    private int readGeneration;
    public final List<HandshakeMessage> received = new ArrayList<>();
    public final List<String> threads = new ArrayList<>();
    public final List<Boolean> keyUpdateRequests = new ArrayList<>();
    public byte[] transcriptAtComplete;
    public int tickets;
    /** Client: checked through {@code Credentials.checkServerTrusted} when the server's flight arrives. */
    public X509Certificate[] serverChain;
    /** Server: asks {@code Credentials.chooseServerCredential(["EC"])} on the ClientHello. */
    public boolean chooseServerCredential;
    public Optional<LocalCredential> chosen = Optional.empty();
    /** The AEAD of every key this handshaker installs (the same key bytes, resized). */
    public AeadAlgorithm aead = AeadAlgorithm.AES_128_GCM;

    public FakeHandshaker(boolean client, boolean sendTicket) {
        this.client = client;
        this.sendTicket = sendTicket;
    }

    /** A factory whose handshakers also support the KeyUpdate hook. */
    public static HandshakerFactory factory(boolean sendTicket, List<FakeHandshaker> created) {
        return factory(sendTicket, created, h -> { });
    }

    /** As {@link #factory(boolean, List)}, configuring each new handshaker with {@code setup}. */
    public static HandshakerFactory factory(boolean sendTicket, List<FakeHandshaker> created, Consumer<FakeHandshaker> setup) {
        return new HandshakerFactory() {
            @Override
            public Handshaker create(HandshakeConfig config) {
                FakeHandshaker h = new FakeHandshaker(config.client(), sendTicket);
                setup.accept(h);
                created.add(h);
                return h;
            }

            @Override
            public boolean updateKeys(Handshaker handshaker, HandshakeIo io, boolean requestPeerUpdate) {
                ((FakeHandshaker) handshaker).updateKeys(io, requestPeerUpdate);
                return true;
            }
        };
    }

    /** A factory without the KeyUpdate hook. */
    public static HandshakerFactory basicFactory(List<FakeHandshaker> created) {
        return config -> {
            FakeHandshaker h = new FakeHandshaker(config.client(), false);
            created.add(h);
            return h;
        };
    }

    /** Makes {@link #receive} throw {@code e} for messages matching {@code when}. */
    public FakeHandshaker failOn(Predicate<HandshakeMessage> when, RuntimeException e) {
        this.failOn = when;
        this.failure = e;
        return this;
    }

    /** {@code k} for this handshaker's {@link #aead}. */
    private TrafficKeys own(TrafficKeys k) {
        return k.aead() == aead ? k : new TrafficKeys(aead, Arrays.copyOf(k.key(), aead.keyLength()), k.iv().clone());
    }

    public static TrafficKeys keys(int seed) {
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        Arrays.fill(key, (byte) seed);
        Arrays.fill(iv, (byte) (seed * 7));
        return new TrafficKeys(AeadAlgorithm.AES_128_GCM, key, iv);
    }

    /** Application traffic keys of one direction, generation {@code g} (0 = after the handshake). */
    public static TrafficKeys appKeys(boolean clientWrites, int g) {
        return keys((clientWrites ? 10 : 50) + g);
    }

    public static Negotiated negotiated() {
        return new Negotiated(HandshakeConfig.TLS13, Optional.of(CipherSuite.TLS_AES_128_GCM_SHA256),
                Optional.of(NamedGroup.X25519), Optional.empty(), List.of(), List.of(), List.of(), List.of(), false);
    }

    /** What a server knows after a ClientHello: the version and the client's signature_algorithms (RFC names). */
    public static Negotiated afterClientHello() {
        return new Negotiated(HandshakeConfig.TLS13, Optional.of(CipherSuite.TLS_AES_128_GCM_SHA256),
                Optional.of(NamedGroup.X25519), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256", "ed25519"), false);
    }

    public static Finished finished(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return new Finished(Opaque.of(b));
    }

    @Override
    public void start(HandshakeIo io) {
        if (client) {
            io.transcript().selectHash(HashAlgorithm.SHA256);
            io.send(new EndOfEarlyData());
        }
    }

    @Override
    public void receive(HandshakeMessage m, HandshakeIo io) {
        received.add(m);
        threads.add(Thread.currentThread().getName());
        if (failOn.test(m)) {
            throw failure;
        }
        if (step == 3) {
            postHandshake(m, io);
        } else if (client) {
            clientStep(m, io);
        } else {
            serverStep(m, io);
        }
    }

    private void clientStep(HandshakeMessage m, HandshakeIo io) {
        if (step == 0 && m instanceof EncryptedExtensions) {
            io.installReadKeys13(own(S_HS));
            if (io.config().middleboxCompatibility()) {
                io.sendCompatibilityCcs();
            }
            io.installWriteKeys13(own(C_HS));
            io.handshakeSession(negotiated());
            step = 1;
        } else if (step == 1 && m instanceof EncryptedExtensions) {
            if (serverChain != null) {
                io.credentials().checkServerTrusted(serverChain, "EC");
            }
            step = 2;
        } else if (step == 2 && m instanceof Finished) {
            io.send(finished(5));
            io.installWriteKeys13(own(appKeys(true, 0)));
            io.installReadKeys13(own(appKeys(false, 0)));
            transcriptAtComplete = io.transcript().current();
            step = 3;
            io.complete(negotiated());
        } else {
            throw TlsAlert.unexpectedMessage("fake client in step " + step + " got " + m);
        }
    }

    private void serverStep(HandshakeMessage m, HandshakeIo io) {
        if (step == 0 && m instanceof EndOfEarlyData) {
            io.transcript().selectHash(HashAlgorithm.SHA256);
            io.handshakeSession(afterClientHello());
            if (chooseServerCredential) {
                chosen = io.credentials().chooseServerCredential(List.of("EC"), List.of());
            }
            io.send(new EncryptedExtensions(Extensions.EMPTY));
            if (io.config().middleboxCompatibility()) {
                io.sendCompatibilityCcs();
            }
            io.installWriteKeys13(own(S_HS));
            io.installReadKeys13(own(C_HS));
            io.send(new EncryptedExtensions(Extensions.EMPTY));
            io.send(finished(3));
            io.installWriteKeys13(own(appKeys(false, 0)));
            io.handshakeSession(negotiated());
            step = 2;
        } else if (step == 2 && m instanceof Finished) {
            io.installReadKeys13(own(appKeys(true, 0)));
            transcriptAtComplete = io.transcript().current();
            step = 3;
            io.complete(negotiated());
            if (sendTicket) {
                io.send(new NewSessionTicket(3600, 7, Opaque.EMPTY, Opaque.of(new byte[] {1, 2, 3}), Extensions.EMPTY));
            }
        } else {
            throw TlsAlert.unexpectedMessage("fake server in step " + step + " got " + m);
        }
    }

    private void postHandshake(HandshakeMessage m, HandshakeIo io) {
        if (m instanceof NewSessionTicket && client) {
            tickets++;
        } else if (m instanceof KeyUpdate) {
            io.installReadKeys13(own(appKeys(!client, ++readGeneration)));
            keyUpdateRequests.add(((KeyUpdate) m).updateRequested());
            if (((KeyUpdate) m).updateRequested()) {
                updateKeys(io, false);
            }
        } else {
            throw TlsAlert.unexpectedMessage("fake post-handshake got " + m);
        }
    }

    /** Sends a KeyUpdate and switches to the next write keys (RFC 8446 §4.6.3). */
    public void updateKeys(HandshakeIo io, boolean requestPeer) {
        io.send(new KeyUpdate(requestPeer));
        io.installWriteKeys13(own(appKeys(client, ++writeGeneration)));
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.tls13(client ? Side.CLIENT : Side.SERVER, 32);
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return client ? step < 3 : step > 0 && step < 3;
    }

    @Override
    public String toString() {
        return "FakeHandshaker(" + (client ? "client" : "server") + ", step " + step + ")";
    }
}
