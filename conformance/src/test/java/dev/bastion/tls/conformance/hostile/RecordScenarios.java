package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.BAD_RECORD_MAC;
import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.PROTOCOL_VERSION;
import static dev.bastion.tls.codec.AlertDescription.RECORD_OVERFLOW;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.Expect.alert;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Expect.protocolAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The record layer (RFC 8446 §5): unknown and unsupported content types, zero-length and
 * oversized records, broken protection, interleaving, fragmentation and change_cipher_spec
 * abuse. Bounds on records that carry nothing (empty records, dropped CCS) are Bastion's
 * (32 in a row, as OpenSSL and BoringSSL), cited as DESIGN.md "Security by design".
 */
final class RecordScenarios {
    private RecordScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(plaintextRecords(), aroundClientHello(), changeCipherSpec(), protectedRecords(),
                authentication(), emptyAndInterleaved(), fragmentation());
    }

    /** Plaintext records before the ClientHello. */
    private static List<Scenario> plaintextRecords() {
        return List.of(
                againstServer("R01", "RFC 8446 §5", "record of unknown content type 0x19 first",
                        p -> p.sendRaw(Rec.plain(0x19, new byte[] {1, 2, 3})),
                        handshakeAlert(UNEXPECTED_MESSAGE, "content type")),
                againstServer("R02", "RFC 8446 §5; RFC 6520 §2", "heartbeat record (type 24) instead of a ClientHello",
                        p -> p.sendRaw(Rec.plain(Tls.HEARTBEAT, Bytes.hex("01 0010 41414141"))),
                        handshakeAlert(UNEXPECTED_MESSAGE, "heartbeat")),
                againstServer("R03", "RFC 8446 §5.1", "plaintext record of 2^14 + 1 bytes",
                        p -> p.sendRaw(new Rec(Tls.HANDSHAKE, Tls.TLS10, new byte[(1 << 14) + 1]).encode()),
                        handshakeAlert(RECORD_OVERFLOW, "exceeds")),
                againstServer("R04", "RFC 8446 §5.1", "zero-length handshake record before the ClientHello",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, new byte[0])),
                        handshakeAlert(UNEXPECTED_MESSAGE, "zero-length")),
                againstServer("R05", "RFC 8446 §5.1", "zero-length handshake record between ClientHello fragments", p -> {
                    byte[] ch = p.clientHello().encode();
                    p.sendRaw(Bytes.concat(Rec.plain(Tls.HANDSHAKE, Arrays.copyOf(ch, 10)),
                            Rec.plain(Tls.HANDSHAKE, new byte[0])));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "zero-length")),
                againstServer("R06", "RFC 8446 §5, §2", "application_data record before the ClientHello",
                        p -> p.sendRaw(Rec.plain(Tls.APPLICATION_DATA, "GET /".getBytes())),
                        handshakeAlert(UNEXPECTED_MESSAGE, "application_data")),
                againstServer("R07", "RFC 8446 §5", "change_cipher_spec before the first ClientHello",
                        p -> p.sendCcs(),
                        handshakeAlert(UNEXPECTED_MESSAGE, "change_cipher_spec")),
                againstServer("R08", "RFC 8446 §5.1, §6", "alert record of 3 bytes",
                        p -> p.sendRaw(Rec.plain(Tls.ALERT, new byte[] {1, 0, 0})),
                        handshakeAlert(DECODE_ERROR, "alert record of 3")),
                againstServer("R09", "RFC 8446 §5.1, §6", "alert record of 1 byte",
                        p -> p.sendRaw(Rec.plain(Tls.ALERT, new byte[] {2})),
                        handshakeAlert(DECODE_ERROR, "alert record of 1")),
                againstServer("R10", "RFC 8446 §5.1", "zero-length alert record",
                        p -> p.sendRaw(Rec.plain(Tls.ALERT, new byte[0])),
                        handshakeAlert(DECODE_ERROR, "alert record of 0")),
                againstServer("R11", "RFC 8446 §5.1", "two alerts coalesced in one record",
                        p -> p.sendRaw(Rec.plain(Tls.ALERT, new byte[] {1, 90, 1, 0})),
                        handshakeAlert(DECODE_ERROR, "alert record of 4")));
    }

    /** The ClientHello's records: split, interleaved, with other versions, in SSLv2 format. */
    private static List<Scenario> aroundClientHello() {
        return List.of(
                againstServer("R12", "RFC 8446 §5.1", "ClientHello one byte per record", p -> {
                    p.sendClientHello(p.clientHello().encode(), Tls.TLS10, 1);
                    p.finishHandshake();
                }, completes()),
                againstServer("R13", "RFC 8446 §5.1", "change_cipher_spec between two ClientHello fragments", p -> {
                    byte[] ch = p.clientHello().encode();
                    p.sendRaw(Bytes.concat(Rec.plain(Tls.HANDSHAKE, Arrays.copyOf(ch, 20)),
                            Rec.plain(Tls.CHANGE_CIPHER_SPEC, new byte[] {1})));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "pending")),
                againstServer("R14", "RFC 8446 §5.1", "warning alert between two ClientHello fragments", p -> {
                    byte[] ch = p.clientHello().encode();
                    p.sendRaw(Bytes.concat(Rec.plain(Tls.HANDSHAKE, Arrays.copyOf(ch, 20)),
                            Rec.plain(Tls.ALERT, new byte[] {1, 90})));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "pending")),
                againstServer("R15", "RFC 8446 §5.1", "ClientHello with legacy_record_version 0x0303 (any value is ignored)",
                        p -> {
                            p.sendClientHello(p.clientHello().encode(), Tls.TLS12, 0);
                            p.finishHandshake();
                        }, completes()),
                againstServer("R16", "RFC 8446 §5.1", "ClientHello with legacy_record_version 0x0300 (any value is ignored)",
                        p -> {
                            p.sendClientHello(p.clientHello().encode(), Tls.SSL3, 0);
                            p.finishHandshake();
                        }, completes()),
                againstServer("R17", "RFC 8446 §D.5; RFC 6176", "SSLv2-format ClientHello",
                        p -> p.sendRaw(Bytes.hex("802e 01 0301 0015 0000 0010 00002f 000035 00000a 0000ff"
                                + "00112233445566778899aabbccddeeff")),
                        handshakeAlert(PROTOCOL_VERSION, "SSLv2")));
    }

    /** The compatibility change_cipher_spec, and CCS abuse. */
    private static List<Scenario> changeCipherSpec() {
        return List.of(
                againstServer("R18", "RFC 8446 §5", "two compatibility change_cipher_spec records are dropped", p -> {
                    p.upToClientFinished();
                    p.sendCcs();
                    p.sendFinished(p.finished());
                }, completes()),
                againstServer("R19", "RFC 8446 §5; bound: 32 records without content", "33 change_cipher_spec records in a row",
                        p -> {
                            p.upToClientFinished();
                            p.sendRaw(repeat(Rec.plain(Tls.CHANGE_CIPHER_SPEC, new byte[] {1}), 33));
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "too many records without content")),
                againstServer("R20", "RFC 8446 §5", "change_cipher_spec with value 0x02", p -> {
                    p.upToClientFinished();
                    p.sendRaw(Rec.plain(Tls.CHANGE_CIPHER_SPEC, new byte[] {2}));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "0x01")),
                againstServer("R21", "RFC 8446 §5", "change_cipher_spec of two bytes", p -> {
                    p.upToClientFinished();
                    p.sendRaw(Rec.plain(Tls.CHANGE_CIPHER_SPEC, new byte[] {1, 1}));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "0x01")),
                againstServer("R22", "RFC 8446 §5", "encrypted change_cipher_spec (inner type 20)", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.send(Tls.CHANGE_CIPHER_SPEC, new byte[] {1});
                }, handshakeAlert(UNEXPECTED_MESSAGE, "protected change_cipher_spec")),
                againstClient("R44", "RFC 8446 §5", "change_cipher_spec before the ServerHello is dropped", p -> {
                    p.sendCcs();
                    p.handshake();
                }, completes()),
                againstClient("R45", "RFC 8446 §5", "change_cipher_spec after the handshake", p -> {
                    p.handshake();
                    p.sendCcs();
                }, protocolAlert(UNEXPECTED_MESSAGE, "change_cipher_spec")));
    }

    /** Protected records: inner plaintext and sizes. */
    private static List<Scenario> protectedRecords() {
        return List.of(
                againstServer("R23", "RFC 8446 §5.4", "encrypted record whose inner plaintext is all zeros", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.sendRaw(p.writer.sealInner(new byte[20], Tls.APPLICATION_DATA, Tls.TLS12));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "all zeros")),
                againstServer("R24", "RFC 8446 §5.4", "encrypted record with 2^14 + 1 bytes of content", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.send(Tls.HANDSHAKE, new byte[(1 << 14) + 1]);
                }, handshakeAlert(RECORD_OVERFLOW, "exceeds 2^14 + 1")),
                againstServer("R25", "RFC 8446 §5.2", "encrypted record longer than 2^14 + 256", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    byte[] inner = new byte[(1 << 14) + 250];
                    inner[100] = Tls.APPLICATION_DATA; // content type, then padding
                    p.sendRaw(p.writer.sealInner(inner, Tls.APPLICATION_DATA, Tls.TLS12));
                }, handshakeAlert(RECORD_OVERFLOW, "exceeds")),
                againstServer("R28", "RFC 8446 §5", "encrypted record of unknown inner content type 0x30", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.send(0x30, new byte[] {1, 2, 3});
                }, handshakeAlert(UNEXPECTED_MESSAGE, "content type")),
                againstServer("R29", "RFC 8446 §5; RFC 6520 §2", "encrypted heartbeat request after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.HEARTBEAT, Bytes.hex("01 0010 41414141414141414141414141414141"));
                }, protocolAlert(UNEXPECTED_MESSAGE, "heartbeat")),
                againstServer("R31", "RFC 8446 §5.1", "encrypted handshake record with no content", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.send(Tls.HANDSHAKE, new byte[0]);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "zero-length")),
                againstServer("R32", "RFC 8446 §5, §5.2", "client Finished in a plaintext record", p -> {
                    p.upToClientFinished();
                    p.sendRaw(Rec.plain(Tls.HANDSHAKE, p.finished()));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "unprotected")));
    }

    /** Protected records that do not authenticate: tags, lengths, sequence numbers, padding. */
    private static List<Scenario> authentication() {
        return List.of(
                againstServer("R26", "RFC 8446 §5.2", "encrypted record with a flipped tag bit", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    byte[] r = p.writer.seal(Tls.HANDSHAKE, p.finished());
                    r[r.length - 1] ^= 1;
                    p.sendRaw(r);
                }, handshakeAlert(BAD_RECORD_MAC, "authentication")),
                againstServer("R27", "RFC 8446 §5.2", "encrypted record shorter than the AEAD tag", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.sendRaw(new Rec(Tls.APPLICATION_DATA, Tls.TLS12, new byte[5]).encode());
                }, handshakeAlert(BAD_RECORD_MAC, "shorter than the tag")),
                againstServer("R30", "RFC 8446 §5.4", "application data with 1000 bytes of padding", p -> {
                    p.handshake();
                    p.sendRaw(p.writer.seal(Tls.APPLICATION_DATA, BaselineScenarios.PING, 1000));
                }, completes().and("padded ping delivered", BaselineScenarios::gotPing)),
                againstServer("R35", "RFC 8446 §5.3", "record replayed with a used sequence number", p -> {
                    p.handshake();
                    byte[] record = p.writer.seal(Tls.APPLICATION_DATA, BaselineScenarios.PING);
                    p.sendRaw(record);
                    p.sendRaw(record);
                }, alert(BAD_RECORD_MAC, SSLException.class, "authentication")
                        .and("the first copy was delivered", BaselineScenarios::gotPing)),
                againstServer("R36", "RFC 8446 §5.3", "record with a skipped sequence number", p -> {
                    p.handshake();
                    p.writer.setSequence(1);
                    p.sendApplicationData(BaselineScenarios.PING);
                }, alert(BAD_RECORD_MAC, SSLException.class, "authentication")));
    }

    /** Empty records, interleaving, sizes at the limit, 0.5-RTT data. */
    private static List<Scenario> emptyAndInterleaved() {
        return List.of(
                againstServer("R33", "RFC 8446 §5.4; bound: 32 records without content", "32 empty application_data records, then data",
                        p -> {
                            p.handshake();
                            for (int i = 0; i < 32; i++) {
                                p.sendApplicationData(new byte[0]);
                            }
                            p.sendApplicationData(BaselineScenarios.PING);
                        }, completes().and("ping delivered", BaselineScenarios::gotPing)),
                againstServer("R34", "RFC 8446 §5.4; bound: 32 records without content", "33 empty application_data records in a row",
                        p -> {
                            p.handshake();
                            for (int i = 0; i < 33; i++) {
                                p.sendApplicationData(new byte[0]);
                            }
                        }, protocolAlert(UNEXPECTED_MESSAGE, "too many records without content")),
                againstServer("R37", "RFC 8446 §2, §5", "application data under the handshake key before Finished", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.sendApplicationData(BaselineScenarios.PING);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "application_data")),
                againstServer("R38", "RFC 8446 §5.1", "KeyUpdate split by an application_data record", p -> {
                    p.handshake();
                    byte[] ku = Msg.keyUpdate(0);
                    p.send(Tls.HANDSHAKE, Arrays.copyOf(ku, 2));
                    p.sendApplicationData(BaselineScenarios.PING);
                }, protocolAlert(UNEXPECTED_MESSAGE, "pending")),
                againstServer("R39", "RFC 8446 §5.1", "application data of exactly 2^14 bytes", p -> {
                    p.handshake();
                    p.sendApplicationData(new byte[1 << 14]);
                }, completes().and("16384 bytes delivered", o -> o.applicationData().length == 1 << 14)),
                againstClient("R46", "RFC 8446 §5, §2", "plaintext application_data record instead of a ServerHello",
                        p -> p.sendRaw(Rec.plain(Tls.APPLICATION_DATA, new byte[] {1, 2, 3})),
                        handshakeAlert(UNEXPECTED_MESSAGE, "application_data")),
                againstServer("R47", "RFC 8446 §5", "plaintext record of unknown content type after the handshake", p -> {
                    p.handshake();
                    p.sendRaw(Rec.plain(0x19, new byte[] {1, 2, 3}));
                }, protocolAlert(UNEXPECTED_MESSAGE, "content type")),
                againstClient("R48", "RFC 8446 §2, §5.1", "0.5-RTT application data in the same write as the server's Finished",
                        p -> {
                            p.sendServerHello(p.serverHello());
                            p.sendFlight(p.flight(), 0, BaselineScenarios.PING);
                            p.expect(Tls.FINISHED, "client Finished");
                        }, completes().and("ping delivered", BaselineScenarios::gotPing)),
                againstServer("R49", "RFC 8446 §2, §5.1", "application data in the same write as the client's Finished", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    RecordCipher app = p.schedule.cipher(p.schedule.clientApplication);
                    p.sendRaw(Bytes.concat(p.writer.seal(Tls.HANDSHAKE, p.finished()),
                            app.seal(Tls.APPLICATION_DATA, BaselineScenarios.PING)));
                    p.writer = app;
                }, completes().and("ping delivered", BaselineScenarios::gotPing)));
    }

    /** The server's records split and coalesced. */
    private static List<Scenario> fragmentation() {
        return List.of(
                againstClient("R40", "RFC 8446 §5.1", "ServerHello one byte per record", p -> {
                    p.sendServerHello(p.serverHello(), 1, new byte[0]);
                    p.sendFlight(p.flight());
                    p.expect(Tls.FINISHED, "client Finished");
                }, completes()),
                againstClient("R41", "RFC 8446 §5.1", "encrypted server flight one byte per record", p -> {
                    p.sendServerHello(p.serverHello());
                    p.sendFlight(p.flight(), 1);
                    p.expect(Tls.FINISHED, "client Finished");
                }, completes()),
                againstClient("R42", "RFC 8446 §5.1", "each server flight message in its own record", p -> {
                    p.sendServerHello(p.serverHello());
                    List<byte[]> f = p.flight();
                    p.sendFlight(f.subList(0, 1));
                    p.sendFlight(f.subList(1, 2));
                    p.sendFlight(f.subList(2, 3));
                    p.sendFlight(f.subList(3, 4));
                    p.expect(Tls.FINISHED, "client Finished");
                }, completes()),
                againstClient("R43", "RFC 8446 §5.1", "ServerHello and EncryptedExtensions in one record (spans the key change)",
                        p -> p.sendServerHello(p.serverHello(), 0, p.ee()),
                        handshakeAlert(UNEXPECTED_MESSAGE, "key change")));
    }

    private static byte[] repeat(byte[] record, int times) {
        Bytes b = new Bytes();
        for (int i = 0; i < times; i++) {
            b.raw(record);
        }
        return b.toArray();
    }
}
