package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.tls12.Tls12Handshakers;
import dev.bastion.tls.handshake.tls13.Tls13Handshakers;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HelloRequest;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.Side;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Client and server handshakers joined in memory, standing in for the connection core: each
 * side's queued messages are decoded by the other with its current {@link
 * Handshaker#decodeContext()}, added to its transcript as received (HelloRequest excepted), and
 * handed to it. Record protection is modelled by comparing keys: a message or TLS 1.2
 * ChangeCipherSpec must arrive under the write keys the sender had installed when it sent it,
 * which must equal the receiver's read keys (else the receiver fails with bad_record_mac, as the
 * record layer would), and a TLS 1.3 compatibility CCS must be plaintext. An interceptor per direction can drop, replace or tamper with
 * messages.
 */
public final class Pipe {
    public final Handshaker client;
    public final Handshaker server;
    public final TestIo clientIo;
    public final TestIo serverIo;
    public UnaryOperator<TestIo.Outgoing> toServer = UnaryOperator.identity();
    public UnaryOperator<TestIo.Outgoing> toClient = UnaryOperator.identity();
    /** The side whose handshake threw, after {@link #run()} failed. */
    public Side failed;

    private int deliveredToServer;
    private int deliveredToClient;

    public Pipe(Handshaker client, TestIo clientIo, Handshaker server, TestIo serverIo) {
        this.client = client;
        this.server = server;
        this.clientIo = clientIo;
        this.serverIo = serverIo;
    }

    /** TLS 1.3 handshakers for the two configurations, joined. */
    public static Pipe tls13(HandshakeConfig clientConfig, Credentials clientCredentials, HandshakeConfig serverConfig,
            Credentials serverCredentials) {
        return new Pipe(Tls13Handshakers.client(clientConfig), new TestIo(clientConfig, clientCredentials),
                Tls13Handshakers.server(serverConfig), new TestIo(serverConfig, serverCredentials));
    }

    /** The handshakers for the two configurations (TLS 1.3 when enabled, else TLS 1.2), joined. */
    public static Pipe of(HandshakeConfig clientConfig, Credentials clientCredentials, HandshakeConfig serverConfig,
            Credentials serverCredentials) {
        return new Pipe(handshaker(clientConfig), new TestIo(clientConfig, clientCredentials),
                handshaker(serverConfig), new TestIo(serverConfig, serverCredentials));
    }

    /** The handshaker the connection core would make for {@code config} (see {@code connection.Handshakers}). */
    public static Handshaker handshaker(HandshakeConfig config) {
        return config.enables(HandshakeConfig.TLS13) ? Tls13Handshakers.of(config) : Tls12Handshakers.of(config);
    }

    /** Starts both sides and runs until nothing more is queued. */
    public Pipe handshake() {
        client.start(clientIo);
        server.start(serverIo);
        return run();
    }

    /** Delivers queued messages both ways until nothing moves. */
    public Pipe run() {
        boolean moved = true;
        while (moved) {
            moved = false;
            while (deliveredToServer < clientIo.outbox.size()) {
                deliver(clientIo.outbox.get(deliveredToServer++), toServer, serverIo, server, Side.SERVER);
                moved = true;
            }
            while (deliveredToClient < serverIo.outbox.size()) {
                deliver(serverIo.outbox.get(deliveredToClient++), toClient, clientIo, client, Side.CLIENT);
                moved = true;
            }
        }
        return this;
    }

    /** Skips what the client has queued so far (it is never delivered). */
    public void dropFromClient() {
        deliveredToServer = clientIo.outbox.size();
    }

    /** Skips what the server has queued so far (it is never delivered). */
    public void dropFromServer() {
        deliveredToClient = serverIo.outbox.size();
    }

    /** Hands a change_cipher_spec to {@code side} as if it came from its peer (TLS 1.2). */
    public void injectCcs(Side side) {
        TestIo to = side == Side.CLIENT ? clientIo : serverIo;
        deliver(new TestIo.Outgoing(null, new byte[] {1}, to.currentRead()), UnaryOperator.identity(), to,
                side == Side.CLIENT ? client : server, side);
    }

    /** Hands {@code message} to {@code side} as if it came from its peer (under the receiver's current read keys). */
    public void inject(Side side, HandshakeMessage message) {
        TestIo to = side == Side.CLIENT ? clientIo : serverIo;
        deliver(new TestIo.Outgoing(message, message.encoding(), to.currentRead()), UnaryOperator.identity(), to,
                side == Side.CLIENT ? client : server, side);
    }

    private void deliver(TestIo.Outgoing sent, UnaryOperator<TestIo.Outgoing> interceptor, TestIo to, Handshaker h,
            Side side) {
        TestIo.Outgoing o = interceptor.apply(sent);
        if (o == null) {
            return; // dropped
        }
        try {
            if (o.isCcs() && h.acceptsCompatibilityCcs()) {
                check(o.keys() == null, "a compatibility CCS sent under protection");
                return;
            }
            if (o.isCcs()) { // TLS 1.2's, handed to the handshaker as the connection does
                sameKeys(o, to, side);
                h.changeCipherSpec(to);
                return;
            }
            sameKeys(o, to, side);
            HandshakeMessage m = MessageDecoder.decode(Reader.of(o.encoding()), h.decodeContext());
            if (!(m instanceof HelloRequest)) { // never hashed (RFC 5246 §7.4.1.1), as in the connection
                to.transcript().update(o.encoding());
            }
            h.receive(m, to);
        } catch (TlsAlert | AssertionError e) {
            failed = side;
            throw e;
        }
    }

    /** What the record layer would do with a record under other keys than the reader's: bad_record_mac. */
    private static void sameKeys(TestIo.Outgoing o, TestIo to, Side side) {
        if (!Objects.equals(o.keys(), to.currentRead())) {
            throw TlsAlert.badRecordMac(o + " was sent under other keys than " + side + " reads with");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** A copy of {@code o} with byte {@code index} of its encoding flipped. */
    public static TestIo.Outgoing flip(TestIo.Outgoing o, int index) {
        byte[] e = Arrays.copyOf(o.encoding(), o.encoding().length);
        e[index < 0 ? e.length + index : index] ^= 0x01;
        return new TestIo.Outgoing(o.message(), e, o.keys());
    }

    /** {@code o} with its message replaced by {@code m} (re-encoded). */
    public static TestIo.Outgoing replace(TestIo.Outgoing o, HandshakeMessage m) {
        return new TestIo.Outgoing(m, m.encoding(), o.keys());
    }
}
