package dev.bastion.tls.connection;

import dev.bastion.tls.connection.config.CloseRules;
import dev.bastion.tls.connection.config.HandshakeConfigs;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.connection.config.TlsPolicy;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** Two connection cores wired back to back, pumped by hand (no engine). */
final class CorePair {
    static final TlsPolicy POLICY = TlsPolicy.load(PropertySource.of(Map.of(), Map.of()), "TLS");

    final List<FakeHandshaker> created;
    final Connection client;
    final Connection server;
    final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    int finishedClient;
    int finishedServer;

    CorePair(HandshakerFactory factory, List<FakeHandshaker> created, KeyLimits limits) {
        this(factory, created, limits, ConnectionListener.NONE, ConnectionListener.NONE);
    }

    CorePair(HandshakerFactory factory, List<FakeHandshaker> created, KeyLimits limits, ConnectionListener clientListener,
            ConnectionListener serverListener) {
        this.created = created;
        client = new Connection(factory, NoCredentials.INSTANCE, new SecureRandom(), KeyLog.OFF, limits, CloseRules.DEFAULT,
                clientListener);
        server = new Connection(factory, NoCredentials.INSTANCE, new SecureRandom(), KeyLog.OFF, limits, CloseRules.DEFAULT,
                serverListener);
    }

    /** Fakes whose connections report to these listeners. */
    static CorePair withListeners(ConnectionListener clientListener, ConnectionListener serverListener) {
        List<FakeHandshaker> list = new ArrayList<>();
        return new CorePair(FakeHandshaker.factory(false, list), list, KeyLimits.NONE, clientListener, serverListener);
    }

    /** Fakes with the KeyUpdate hook. */
    static CorePair withFakes(boolean sendTicket, KeyLimits limits) {
        List<FakeHandshaker> list = new ArrayList<>();
        return new CorePair(FakeHandshaker.factory(sendTicket, list), list, limits);
    }

    static CorePair withFakes() {
        return withFakes(false, KeyLimits.NONE);
    }

    FakeHandshaker clientHandshaker() {
        return created.get(0);
    }

    FakeHandshaker serverHandshaker() {
        return created.get(1);
    }

    static HandshakeConfig config(boolean client) {
        SSLParameters p = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        return HandshakeConfigs.build(POLICY, client, p, client ? "localhost" : null, client ? 443 : -1, ClientAuth.NONE);
    }

    void begin() throws SSLException {
        client.begin(() -> config(true));
        server.begin(() -> config(false));
    }

    /** Flushes everything {@code from} has queued into {@code net}; returns the number of flush calls that wrote. */
    static int flushAll(Connection from, ByteBuffer net) throws SSLException {
        int calls = 0;
        while (from.hasOutput()) {
            if (from.flush(net) <= 0) {
                throw new AssertionError("flush made no progress");
            }
            calls++;
        }
        return calls;
    }

    /** Reads every whole record in {@code net} (flipped and compacted here), running tasks inline. */
    static int readAll(Connection to, ByteBuffer net, ByteBuffer app) throws SSLException {
        int produced = 0;
        net.flip();
        try {
            while (!to.inboundDone() && net.hasRemaining() && to.missing(net) == 0) {
                if (to.taskPending()) {
                    to.delegatedTask().run();
                    SSLException f = to.takeDelegatedFailure();
                    if (f != null) {
                        throw f;
                    }
                }
                produced += to.read(net, new ByteBuffer[] {app}, 0, 1);
            }
            if (to.taskPending()) {
                to.delegatedTask().run();
                SSLException f = to.takeDelegatedFailure();
                if (f != null) {
                    throw f;
                }
            }
        } finally {
            net.compact();
        }
        return produced;
    }

    /** Runs the handshake to completion, counting FINISHED reports. */
    void handshake() throws SSLException {
        begin();
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < 20 && !(client.handshakeComplete() && server.handshakeComplete()
                && !client.hasOutput() && !server.hasOutput() && toServer.position() == 0 && toClient.position() == 0); i++) {
            flushAll(client, toServer);
            finishedClient += client.takeFinished() ? 1 : 0;
            readAll(server, toServer, app);
            finishedServer += server.takeFinished() ? 1 : 0;
            flushAll(server, toClient);
            finishedServer += server.takeFinished() ? 1 : 0;
            readAll(client, toClient, app);
            finishedClient += client.takeFinished() ? 1 : 0;
        }
    }
}
