package dev.bastion.tls.connection;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.connection.config.CloseRules;
import dev.bastion.tls.connection.config.HandshakeConfigs;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.Credentials;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.MessageDecoder;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Two connection cores with the real handshakers negotiating TLS 1.2 through whole records,
 * which the test can read, split, change or inject. The key log (a file) gives the test the
 * master secret, so it can build the record keys of either side ({@link #keys}) and seal or
 * open records itself.
 */
final class Tls12Pair {
    final Connection client;
    final Connection server;
    final Path keyLog;
    /** Every flush of each side, in order. */
    final List<byte[]> fromClient = new ArrayList<>();
    final List<byte[]> fromServer = new ArrayList<>();
    private final String suite;
    private final ClientAuth clientAuth;

    Tls12Pair(Path dir, String suite, Credentials clientCredentials, Credentials serverCredentials, ClientAuth clientAuth) {
        this.suite = suite;
        this.clientAuth = clientAuth;
        this.keyLog = dir.resolve("keys.log");
        client = new Connection(Handshakers.STANDARD, clientCredentials, new SecureRandom(), KeyLog.toFile(keyLog),
                KeyLimits.NONE, CloseRules.DEFAULT, ConnectionListener.NONE);
        server = new Connection(Handshakers.STANDARD, serverCredentials, new SecureRandom(), KeyLog.OFF,
                KeyLimits.NONE, CloseRules.DEFAULT, ConnectionListener.NONE);
    }

    HandshakeConfig config(boolean clientSide) {
        SSLParameters p = new SSLParameters(new String[] {suite}, new String[] {"TLSv1.2"});
        return HandshakeConfigs.build(CorePair.POLICY, clientSide, p, clientSide ? "localhost" : null, 443, clientAuth);
    }

    void begin() throws SSLException {
        client.begin(() -> config(true));
        server.begin(() -> config(false));
    }

    /** Everything {@code from} has queued, as wire bytes (also recorded). */
    byte[] flush(Connection from) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        while (from.hasOutput()) {
            if (from.flush(net) <= 0) {
                throw new AssertionError("flush made no progress");
            }
        }
        byte[] out = Arrays.copyOf(net.array(), net.position());
        (from == client ? fromClient : fromServer).add(out);
        return out;
    }

    /** Reads every record of {@code wire} into {@code to}, running tasks inline; returns the application bytes. */
    static byte[] deliver(Connection to, byte[] wire) throws SSLException {
        ByteBuffer net = ByteBuffer.wrap(wire);
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        while (net.hasRemaining() && !to.inboundDone()) {
            runTask(to);
            if (to.missing(net) > 0) {
                throw new AssertionError("incomplete record");
            }
            to.read(net, new ByteBuffer[] {app}, 0, 1);
        }
        runTask(to);
        return Arrays.copyOf(app.array(), app.position());
    }

    private static void runTask(Connection to) throws SSLException {
        if (to.taskPending()) {
            to.delegatedTask().run();
            SSLException f = to.takeDelegatedFailure();
            if (f != null) {
                throw f;
            }
        }
    }

    /** The whole handshake, flight by flight. */
    Tls12Pair handshake() throws SSLException {
        begin();
        for (int i = 0; i < 6 && !(client.handshakeComplete() && server.handshakeComplete()); i++) {
            deliver(server, flush(client));
            deliver(client, flush(server));
        }
        if (!client.handshakeComplete() || !server.handshakeComplete()) {
            throw new AssertionError("handshake did not complete");
        }
        return this;
    }

    /** The records of {@code wire}, each with its header. */
    static List<byte[]> records(byte[] wire) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < wire.length) {
            int length = ((wire[at + 3] & 0xFF) << 8) | (wire[at + 4] & 0xFF);
            out.add(Arrays.copyOfRange(wire, at, at + 5 + length));
            at += 5 + length;
        }
        return out;
    }

    /** The handshake messages of a plaintext handshake record. */
    static List<HandshakeMessage> messages(byte[] record, DecodeContext context) {
        List<HandshakeMessage> out = new ArrayList<>();
        int at = 5;
        while (at < record.length) {
            int length = ((record[at + 1] & 0xFF) << 16) | ((record[at + 2] & 0xFF) << 8) | (record[at + 3] & 0xFF);
            out.add(MessageDecoder.decode(Reader.of(Arrays.copyOfRange(record, at, at + 4 + length)), context));
            at += 4 + length;
        }
        return out;
    }

    /** A plaintext handshake record holding {@code messages}. */
    static byte[] handshakeRecord(List<byte[]> messages) {
        int n = messages.stream().mapToInt(m -> m.length).sum();
        ByteBuffer b = ByteBuffer.allocate(5 + n).put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) n);
        messages.forEach(b::put);
        return b.array();
    }

    /** The record keys of the finished handshake, rebuilt from the key log and the hellos' randoms. */
    Tls12KeyBlock keys() throws IOException {
        String[] line = Files.readAllLines(keyLog).get(0).split(" ");
        byte[] clientRandom = HexFormat.of().parseHex(line[1]);
        byte[] master = HexFormat.of().parseHex(line[2]);
        byte[] record = records(fromServer.get(0)).get(0);
        int length = ((record[6] & 0xFF) << 16) | ((record[7] & 0xFF) << 8) | (record[8] & 0xFF);
        ServerHello sh = (ServerHello) MessageDecoder.decode(Reader.of(Arrays.copyOfRange(record, 5, 9 + length)),
                DecodeContext.hello(Side.CLIENT));
        CipherSuite s = CipherSuite.fromJsseName(suite).orElseThrow();
        return Tls12MasterSecret.fromSession(s, master).keyBlock(clientRandom, sh.random().toByteArray());
    }
}
