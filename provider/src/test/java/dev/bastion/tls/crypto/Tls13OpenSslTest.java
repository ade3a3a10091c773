package dev.bastion.tls.crypto;

import static dev.bastion.tls.crypto.RecordedSession.APPLICATION_DATA;
import static dev.bastion.tls.crypto.RecordedSession.HANDSHAKE;
import static dev.bastion.tls.crypto.RecordedSession.body;
import static dev.bastion.tls.crypto.RecordedSession.content13;
import static dev.bastion.tls.crypto.RecordedSession.open13;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.3 against sessions recorded with OpenSSL 3.0.19, for both hashes (RFC 8448 has
 * SHA-256 only). From the key-log secrets: traffic keys (RFC 8446 §7.3) proved by decrypting
 * OpenSSL's records, both Finished values (§4.4.4) over {@link TranscriptHash}, the KeyUpdate
 * successor secret (§7.2) against OpenSSL's logged CLIENT_TRAFFIC_SECRET_N and its records,
 * and the exporter (§7.5).
 */
class Tls13OpenSslTest {

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("tls13-aes128gcm.txt", CipherSuite.TLS_AES_128_GCM_SHA256),
                Arguments.of("tls13-aes256gcm-sha384.txt", CipherSuite.TLS_AES_256_GCM_SHA384));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void recordedSession(String file, CipherSuite suite) throws Exception {
        RecordedSession s = new RecordedSession("/openssl/" + file);
        HashAlgorithm hash = suite.hash();
        AeadAlgorithm aead = suite.aead();
        TrafficSecret cHs = new TrafficSecret(hash, s.get("client_handshake_traffic_secret"), "c hs");
        TrafficSecret sHs = new TrafficSecret(hash, s.get("server_handshake_traffic_secret"), "s hs");
        TrafficSecret cAp = new TrafficSecret(hash, s.get("client_traffic_secret_0"), "c ap");
        TrafficSecret sAp = new TrafficSecret(hash, s.get("server_traffic_secret_0"), "s ap");

        TranscriptHash transcript = new TranscriptHash();
        for (String name : s.handshakeNames()) {
            byte[] m = s.get(name);
            if (name.endsWith("_server_finished")) {
                assertNotNull(sHs.verifyFinished(transcript.current(), body(m)));
            } else if (name.endsWith("_client_finished")) {
                assertArrayEquals(body(m), cHs.finishedVerifyData(transcript.current()));
                break; // post-handshake messages are not part of this transcript
            }
            transcript.update(m);
            if (name.endsWith("_server_hello")) {
                transcript.selectHash(hash);
            }
        }

        // server: EncryptedExtensions under s hs traffic; first NewSessionTicket under s ap traffic 0
        List<RecordedSession.Record> fromServer = s.protectedRecords("server_to_client");
        assertArrayEquals(s.message("_server_encrypted_extensions"),
                content13(open13(sHs.keys(aead), 0, fromServer.get(0)), HANDSHAKE));
        int firstTicket = 4; // EE, Certificate, CertificateVerify, Finished, then tickets
        assertArrayEquals(s.get(s.handshakeNames().stream().filter(n -> n.endsWith("_new_session_ticket"))
                .findFirst().orElseThrow()), content13(open13(sAp.keys(aead), 0, fromServer.get(firstTicket)), HANDSHAKE));

        // client: Finished (c hs), "hello" (c ap 0, seq 0), KeyUpdate (seq 1), "world" (c ap 1, seq 0)
        List<RecordedSession.Record> fromClient = s.protectedRecords("client_to_server");
        assertArrayEquals(s.message("_client_finished"), content13(open13(cHs.keys(aead), 0, fromClient.get(0)), HANDSHAKE));
        TrafficKeys ap0 = cAp.keys(aead);
        assertArrayEquals(ascii("hello\n"), content13(open13(ap0, 0, fromClient.get(1)), APPLICATION_DATA));
        assertArrayEquals(s.message("_client_key_update"), content13(open13(ap0, 1, fromClient.get(2)), HANDSHAKE));
        TrafficSecret cAp1 = cAp.next();
        assertArrayEquals(s.get("client_traffic_secret_1"), cAp1.copyForKeyLog(), "KeyUpdate successor");
        assertArrayEquals(ascii("world\n"), content13(open13(cAp1.keys(aead), 0, fromClient.get(3)), APPLICATION_DATA));

        Tls13Exporter exporter = new Tls13Exporter(hash, s.get("exporter_secret"), "exporter");
        assertArrayEquals(s.get("exported_keying_material"), exporter.exportKeyingMaterial("EXPERIMENTAL bastion", null, 42));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
