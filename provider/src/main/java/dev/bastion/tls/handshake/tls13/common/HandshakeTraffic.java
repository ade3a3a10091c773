package dev.bastion.tls.handshake.tls13.common;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.HandshakeSecret;
import dev.bastion.tls.crypto.MasterSecret;
import dev.bastion.tls.crypto.ResumptionMasterSecret;
import dev.bastion.tls.crypto.SessionExporter;
import dev.bastion.tls.crypto.Tls13Exporter;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.crypto.TrafficSecret;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.Side;
import java.util.Arrays;

/**
 * The key schedule of a TLS 1.3 handshake (RFC 8446 §7.1) from the (EC)DHE or KEM shared secret
 * (and, when resuming, the PSK's early secret) on: both handshake traffic secrets and the master secret, then the application
 * traffic secrets and the resumption master secret. Secrets go to the NSS key log with the
 * labels Wireshark reads, keyed by the client random.
 */
public final class HandshakeTraffic {
    static final String CLIENT_HANDSHAKE = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    static final String SERVER_HANDSHAKE = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    static final String CLIENT_TRAFFIC_0 = "CLIENT_TRAFFIC_SECRET_0";
    static final String SERVER_TRAFFIC_0 = "SERVER_TRAFFIC_SECRET_0";
    static final String EXPORTER = "EXPORTER_SECRET";

    private final CipherSuite suite;
    private final byte[] clientRandom;
    private final TrafficSecret client;
    private final TrafficSecret server;
    private final MasterSecret master;

    private HandshakeTraffic(CipherSuite suite, byte[] clientRandom, TrafficSecret client, TrafficSecret server,
            MasterSecret master) {
        this.suite = suite;
        this.clientRandom = clientRandom;
        this.client = client;
        this.server = server;
        this.master = master;
    }

    /**
     * Derives the handshake traffic secrets over {@code helloHash} (ClientHello...ServerHello)
     * and logs them. The caller wipes {@code sharedSecret}.
     */
    public static HandshakeTraffic derive(CipherSuite suite, byte[] sharedSecret, byte[] helloHash, byte[] clientRandom,
            HandshakeIo io) {
        return derive(suite, EarlySecret.withoutPsk(suite.hash()), sharedSecret, helloHash, clientRandom, io);
    }

    /**
     * As {@link #derive(CipherSuite, byte[], byte[], byte[], HandshakeIo)} from the early secret
     * of a PSK (RFC 8446 §7.1), which this destroys; {@code sharedSecret} is null for a psk_ke
     * handshake, which has no (EC)DHE (its IKM is then {@code Hash.length} zeros).
     */
    public static HandshakeTraffic derive(CipherSuite suite, EarlySecret early, byte[] sharedSecret, byte[] helloHash,
            byte[] clientRandom, HandshakeIo io) {
        HandshakeSecret hs = sharedSecret == null ? early.handshakeSecretWithoutKeyExchange()
                : early.handshakeSecret(sharedSecret);
        TrafficSecret c = hs.clientHandshakeTrafficSecret(helloHash);
        TrafficSecret s = hs.serverHandshakeTrafficSecret(helloHash);
        HandshakeTraffic t = new HandshakeTraffic(suite, clientRandom.clone(), c, s, hs.masterSecret());
        t.log(io, CLIENT_HANDSHAKE, c.copyForKeyLog());
        t.log(io, SERVER_HANDSHAKE, s.copyForKeyLog());
        return t;
    }

    public CipherSuite suite() {
        return suite;
    }

    /** client_handshake_traffic_secret: the client's handshake keys and Finished. */
    public TrafficSecret client() {
        return client;
    }

    /** server_handshake_traffic_secret: the server's handshake keys and Finished. */
    public TrafficSecret server() {
        return server;
    }

    /** The record keys of {@code sender}'s handshake messages (RFC 8446 §7.3). */
    public TrafficKeys keys(Side sender) {
        return (sender == Side.CLIENT ? client : server).keys(suite.aead());
    }

    /**
     * The application traffic secrets and exporter secret over {@code serverFinishedHash}
     * (ClientHello...server Finished), logged; the exporter secret goes to the session
     * ({@link HandshakeIo#keyingMaterial}).
     * The result reads what {@code local}'s peer sends and writes what {@code local} sends.
     */
    public ApplicationTraffic application(byte[] serverFinishedHash, Side local, HandshakeIo io) {
        TrafficSecret c = master.clientApplicationTrafficSecret(serverFinishedHash);
        TrafficSecret s = master.serverApplicationTrafficSecret(serverFinishedHash);
        log(io, CLIENT_TRAFFIC_0, c.copyForKeyLog());
        log(io, SERVER_TRAFFIC_0, s.copyForKeyLog());
        Tls13Exporter exporter = master.exporter(serverFinishedHash);
        log(io, EXPORTER, exporter.copySecret());
        io.keyingMaterial(SessionExporter.tls13(suite.hash()), exporter.copySecret());
        exporter.destroy();
        return local == Side.CLIENT ? new ApplicationTraffic(suite, s, c) : new ApplicationTraffic(suite, c, s);
    }

    /**
     * resumption_master_secret over {@code clientFinishedHash} (ClientHello...client Finished);
     * the last use of the master secret. Also wipes both handshake traffic secrets.
     */
    public ResumptionMasterSecret finish(byte[] clientFinishedHash) {
        client.destroy();
        server.destroy();
        return master.resumptionMasterSecret(clientFinishedHash);
    }

    @Override
    public String toString() {
        return "HandshakeTraffic(" + suite + ")";
    }

    private void log(HandshakeIo io, String label, byte[] secret) {
        try {
            io.keyLog(label, clientRandom.clone(), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
