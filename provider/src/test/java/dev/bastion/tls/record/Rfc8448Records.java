package dev.bastion.tls.record;

import dev.bastion.tls.testutil.Hex;

/**
 * Record-protection data from RFC 8448 ("Example Handshake Traces for TLS 1.3"), suite
 * TLS_AES_128_GCM_SHA256: traffic keys and IVs as the RFC prints them ("derive write traffic
 * keys ..."), the plaintext handshake messages ("construct a ... handshake message") and the
 * complete protected records ("send ... record", "complete record"). Hex only; the key
 * schedule that produces these keys is tested elsewhere.
 */
final class Rfc8448Records {
    private Rfc8448Records() {
    }

    // ---- RFC 8448 §3, Simple 1-RTT Handshake -------------------------------------------

    /** {server} derive write traffic keys for handshake data. */
    static final byte[] S3_SERVER_HS_KEY = Hex.bytes("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc");
    static final byte[] S3_SERVER_HS_IV = Hex.bytes("5d 31 3e b2 67 12 76 ee 13 00 0b 30");
    /** {client} derive write traffic keys for handshake data. */
    static final byte[] S3_CLIENT_HS_KEY = Hex.bytes("db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01");
    static final byte[] S3_CLIENT_HS_IV = Hex.bytes("5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f");
    /** {server} derive write traffic keys for application data. */
    static final byte[] S3_SERVER_AP_KEY = Hex.bytes("9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56");
    static final byte[] S3_SERVER_AP_IV = Hex.bytes("cf 78 2b 88 dd 83 54 9a ad f1 e9 84");
    /** {client} derive write traffic keys for application data. */
    static final byte[] S3_CLIENT_AP_KEY = Hex.bytes("17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51");
    static final byte[] S3_CLIENT_AP_IV = Hex.bytes("5b 78 92 3d ee 08 57 90 33 e5 23 d9");

    static final byte[] S3_ENCRYPTED_EXTENSIONS = Hex.bytes(
            "080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000");
    static final byte[] S3_CERTIFICATE = Hex.bytes("""
            0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b
            0500300e310c300a06035504031303727361301e170d3136303733303031323335395a170d323630
            3733303031323335395a300e310c300a0603550403130372736130819f300d06092a864886f70d01
            0101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826
            d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0cc
            b0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d0
            3e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304
            023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5
            b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf3
            6b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3e
            b7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b4
            2b4de10000""");
    static final byte[] S3_CERTIFICATE_VERIFY = Hex.bytes("""
            0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b
            0b7abc90db78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee51
            1f602957b15411ac027671459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e
            063dda65cdf5aea20d53dfacd42f74f3""");
    static final byte[] S3_SERVER_FINISHED = Hex.bytes(
            "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
    static final byte[] S3_CLIENT_FINISHED = Hex.bytes(
            "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
    static final byte[] S3_NEW_SESSION_TICKET = Hex.bytes("""
            040000c90000001efad6aac502000000b22c035d829359ee5ff7af4ec900000000262a6494dc486d
            2c8a34cb33fa90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a1
            43efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3664d4e6da4d29ee03725a6a4dafc
            d0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf297b5aea61764
            6fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d3570008002a00
            0400000400""");
    /** The 50-byte application data payload both sides send (§3 and §4). */
    static final byte[] APPLICATION_DATA_50 = Hex.bytes("""
            000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
            202122232425262728292a2b2c2d2e2f3031""");
    /** close_notify: warning(1), close_notify(0). */
    static final byte[] CLOSE_NOTIFY = Hex.bytes("0100");

    /** {server} send handshake record: EncryptedExtensions, Certificate, CertificateVerify, Finished. */
    static final byte[] S3_SERVER_HANDSHAKE_RECORD = Hex.bytes("""
            17030302a2
            d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf
            7869fcf40aa40aa2b8ea73f848a7ca07612ef9f945
            cb960b4068905123ea78b111b429ba9191cd05d2a3
            89280f526134aadc7fc78c4b729df828b5ecf7b13b
            d9aefb0e57f271585b8ea9bb355c7c79020716cfb9
            b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf
            51427325250c7d0e509289444c9b3a648f1d71035d
            2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255
            cc744110c453baa4fcd610928d809810e4b7ed1a8f
            d991f06aa6248204797e36a6a73b70a2559c09ead6
            86945ba246ab66e5edd8044b4c6de3fcf2a89441ac
            66272fd8fb330ef8190579b3684596c960bd596eea
            520a56a8d650f563aad27409960dca63d3e688611e
            a5e22f4415cf9538d51a200c27034272968a264ed6
            540c84838d89f72c24461aad6d26f59ecaba9acbbb
            317b66d902f4f292a36ac1b639c637ce343117b659
            622245317b49eeda0c6258f100d7d961ffb138647e
            92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178af
            36879018e3f252107f243d243dc7339d5684c8b037
            8bf30244da8c87c843f5e56eb4c5e8280a2b48052c
            f93b16499a66db7cca71e4599426f7d461e66f9988
            2bd89fc50800becca62d6c74116dbd2972fda1fa80
            f85df881edbe5a37668936b335583b599186dc5c69
            18a396fa48a181d6b6fa4f9d62d513afbb992f2b99
            2f67f8afe67f76913fa388cb5630c8ca01e0c65d11
            c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f551
            5614636c0b9b68c19ed2e31c0b3b66763038ebba42
            f3b38edc0399f3a9f23faa63978c317fc9fa66a73f
            60f0504de93b5b845e275592c12335ee340bbc4fdd
            d502784016e4b3be7ef04dda49f4b440a30cb5d2af
            939828fd4ae3794e44f94df5a631ede42c1719bfda
            bf0253fe5175be898e750edc53370d2b""");
    /** {client} send handshake record: Finished. */
    static final byte[] S3_CLIENT_FINISHED_RECORD = Hex.bytes("""
            1703030035
            75ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44
            d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546""");
    /** {server} send handshake record: NewSessionTicket (server application key, seq 0). */
    static final byte[] S3_SERVER_TICKET_RECORD = Hex.bytes("""
            17030300de
            3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d41d
            6af8f6b580dcf3d11d63c758db289a015940252f55
            713e061dc13e078891a38efbcf5753ad8ef170ad3c
            7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0
            9c30ba1e62972ac46f75f7b981be63439b2999ce13
            064615139891d5e4c5b406f16e3fc181a77ca47584
            0025db2f0a77f81b5ab05b94c01346755f69232c86
            519d86cbeeac87aac347d143f9605d64f650db4d02
            3e70e952ca49fe5137121c74bc2697687e248746d6
            df353005f3bce18696129c8153556b3b6c6779b37b
            f15985684f""");
    /** {client} send application_data record (client application key, seq 0). */
    static final byte[] S3_CLIENT_APPDATA_RECORD = Hex.bytes("""
            1703030043
            a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b
            9819a8a5b46b395bd54a9a20441e2b62974e1f5a62
            92a2977014bd1e3deae63aeebb21694915e4""");
    /** {server} send application_data record (server application key, seq 1). */
    static final byte[] S3_SERVER_APPDATA_RECORD = Hex.bytes("""
            1703030043
            2e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e3
            0efaf97d90e6dffc602dcb501a59a8fcc49c4bf2e5
            f0a21c0047c2abf332540dd032e167c2955d""");
    /** {client} send alert record: close_notify (client application key, seq 1). */
    static final byte[] S3_CLIENT_ALERT_RECORD = Hex.bytes("1703030013 c9872760655666b74d7ff1153efd6db6d0b0e3");
    /** {server} send alert record: close_notify (server application key, seq 2). */
    static final byte[] S3_SERVER_ALERT_RECORD = Hex.bytes("1703030013 b58fd67166ebf599d24720cfbe7efa7a8864a9");

    // ---- RFC 8448 §4, Resumed 0-RTT Handshake --------------------------------------------

    /** {client} derive write traffic keys for early application data. */
    static final byte[] S4_CLIENT_EARLY_KEY = Hex.bytes("92 02 05 a5 b7 bf 21 15 e6 fc 5c 29 42 83 4f 54");
    static final byte[] S4_CLIENT_EARLY_IV = Hex.bytes("6d 47 5f 09 93 c8 e5 64 61 0d b2 b9");
    /** {server} derive write traffic keys for handshake data. */
    static final byte[] S4_SERVER_HS_KEY = Hex.bytes("27 c6 bd c0 a3 dc ea 39 a4 73 26 d7 9b c9 e4 ee");
    static final byte[] S4_SERVER_HS_IV = Hex.bytes("95 69 ec dd 4d 05 36 70 5e 9e f7 25");
    /** {client} derive write traffic keys for handshake data. */
    static final byte[] S4_CLIENT_HS_KEY = Hex.bytes("b1 53 08 06 f4 ad fe ac 83 f1 41 30 32 bb fa 82");
    static final byte[] S4_CLIENT_HS_IV = Hex.bytes("eb 50 c1 6b e7 65 4a bf 99 dd 06 d9");
    /** {server} derive write traffic keys for application data. */
    static final byte[] S4_SERVER_AP_KEY = Hex.bytes("e8 57 c6 90 a3 4c 5a 91 29 d8 33 61 96 84 f9 5e");
    static final byte[] S4_SERVER_AP_IV = Hex.bytes("06 85 d6 b5 61 aa b9 ef 10 13 fa f9");
    /** {client} derive write traffic keys for application data. */
    static final byte[] S4_CLIENT_AP_KEY = Hex.bytes("3c f1 22 f3 01 c6 35 8c a7 98 95 53 25 0e fd 72");
    static final byte[] S4_CLIENT_AP_IV = Hex.bytes("ab 1a ec 26 aa 78 b8 fc 11 76 b9 ac");

    static final byte[] S4_EARLY_DATA = Hex.bytes("41 42 43 44 45 46");
    static final byte[] S4_END_OF_EARLY_DATA = Hex.bytes("05 00 00 00");
    static final byte[] S4_ENCRYPTED_EXTENSIONS = Hex.bytes(
            "080000280026000a00140012001d00170018001901000101010201030104001c0002400100000000002a0000");
    static final byte[] S4_SERVER_FINISHED = Hex.bytes(
            "1400002048d3e0e1b3d907c6acff145e16090388c77b05c050b634ab1a88bbd0dd1a34b2");
    static final byte[] S4_CLIENT_FINISHED = Hex.bytes(
            "140000207230a9c952c25cd6138fc5e6628308c41c5335dd81b9f96bcea50fd32bda416d");

    /** {client} send application_data record: early data (early key, seq 0). */
    static final byte[] S4_CLIENT_EARLY_DATA_RECORD = Hex.bytes("1703030017 ab1df420e75c457a7cc5d2844f76d5aee4b4edbf049be0");
    /** {server} send handshake record: EncryptedExtensions, Finished. */
    static final byte[] S4_SERVER_HANDSHAKE_RECORD = Hex.bytes("""
            1703030061
            dc48237b4b879f50d0d4d262ea8b4716eb40ddc1eb957e11126e8a71
            49c2d012d37a7115957e64ce30008b9e0323f2c05a
            9c1c77b4f37849a695ab255060a33fee770ca95cb8
            486bfd0843b87024865ca35cc41c4e515c64dcb136
            9f98635bc7a5""");
    /** {client} send handshake record: EndOfEarlyData (early key, seq 1). */
    static final byte[] S4_END_OF_EARLY_DATA_RECORD = Hex.bytes("1703030015 aca6fc944841298df99593725f9bf9754429b12f09");
    /** {client} send handshake record: Finished. */
    static final byte[] S4_CLIENT_FINISHED_RECORD = Hex.bytes("""
            1703030035
            00f8b467d14cf22a4b3f0b6ae0d8e6cc8d08e0db3515ef5c2bdf1922
            eafbb70009964716d834fb70c3d2a56c5b1f5f6bdba6c333cf""");
    /** {client} send application_data record (seq 0). */
    static final byte[] S4_CLIENT_APPDATA_RECORD = Hex.bytes("""
            1703030043
            b1cebce242aa201be9ae5e1cb2a9aa4b33d4e866af1edb0689192377
            41aa031d7a74d491c99b9d4e232b74206bc6fbaa04
            fe78be44a9b4f54320a17eb76992afac3103""");
    /** {server} send application_data record (seq 0). */
    static final byte[] S4_SERVER_APPDATA_RECORD = Hex.bytes("""
            1703030043
            275e9f20acff57bc000657d3867df039cccf79047884cf75771746f7
            40b5a83f462a0954c3581393a203a25a7dd14141ef
            1a37900cdb62ff62dee1ba39ab2590cbf194""");
    /** {client} send alert record: close_notify (seq 1). */
    static final byte[] S4_CLIENT_ALERT_RECORD = Hex.bytes("1703030013 0facce3246bdfc6369838d6a82ae6de5d422dc");
    /** {server} send alert record: close_notify (seq 1). */
    static final byte[] S4_SERVER_ALERT_RECORD = Hex.bytes("1703030013 5b18af444e8e1eec7158fb62d8f2577d37ba5d");

    // ---- RFC 8448 §5, HelloRetryRequest --------------------------------------------------

    /** {client} send handshake record: the first ClientHello, legacy_record_version 0x0301. */
    static final byte[] S5_CLIENT_HELLO_1_RECORD = Hex.bytes("""
            16 03 01 00 b4 01 00 00 b0 03 03 b0
            b1 c5 a5 aa 37 c5 91 9f 2e d1 d5 c6 ff f7 fc b7 84 97 16 94 5a
            2b 8c ee 92 58 a3 46 67 7b 6f 00 00 06 13 01 13 03 13 02 01 00
            00 81 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01
            00 00 0a 00 08 00 06 00 1d 00 17 00 18 00 33 00 26 00 24 00 1d
            00 20 e8 e8 e3 f3 b9 3a 25 ed 97 a1 4a 7d ca cb 8a 27 2c 62 88
            e5 85 c6 48 4d 05 26 2f ca d0 62 ad 1f 00 2b 00 03 02 03 04 00
            0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01
            05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00
            1c 00 02 40 01""");
    /** {server} send handshake record: HelloRetryRequest, legacy_record_version 0x0303. */
    static final byte[] S5_HELLO_RETRY_REQUEST_RECORD = Hex.bytes("""
            16 03 03 00 b0 02 00 00 ac 03 03 cf
            21 ad 74 e5 9a 61 11 be 1d 8c 02 1e 65 b8 91 c2 a2 11 16 7a bb
            8c 5e 07 9e 09 e2 c8 a8 33 9c 00 13 01 00 00 84 00 33 00 02 00
            17 00 2c 00 74 00 72 71 dc d0 4b b8 8b c3 18 91 19 39 8a 00 00
            00 00 ee fa fc 76 c1 46 b8 23 b0 96 f8 aa ca d3 65 dd 00 30 95
            3f 4e df 62 56 36 e5 f2 1b b2 e2 3f cc 65 4b 1b 5b 40 31 8d 10
            d1 37 ab cb b8 75 74 e3 6e 8a 1f 02 5f 7d fa 5d 6e 50 78 1b 5e
            da 4a a1 5b 0c 8b e7 78 25 7d 16 aa 30 30 e9 e7 84 1d d9 e4 c0
            34 22 67 e8 ca 0c af 57 1f b2 b7 cf f0 f9 34 b0 00 2b 00 02 03
            04""");

    /** {server} derive write traffic keys for handshake data. */
    static final byte[] S5_SERVER_HS_KEY = Hex.bytes("46 46 bf ac 17 12 c4 26 cd 78 d8 a2 4a 8a 6f 6b");
    static final byte[] S5_SERVER_HS_IV = Hex.bytes("c7 d3 95 c0 8d 62 f2 97 d1 37 68 ea");
    /** {server} derive read traffic keys for handshake data (the client's write keys). */
    static final byte[] S5_CLIENT_HS_KEY = Hex.bytes("2f 1f 91 86 63 d5 90 e7 42 11 49 a2 9d 94 b0 b6");
    static final byte[] S5_CLIENT_HS_IV = Hex.bytes("41 4d 54 85 23 5e 1a 68 87 93 bd 74");
    /** {server} derive write traffic keys for application data. */
    static final byte[] S5_SERVER_AP_KEY = Hex.bytes("f2 7a 5d 97 bd 25 55 0c 48 23 b0 f3 e5 d2 93 88");
    static final byte[] S5_SERVER_AP_IV = Hex.bytes("0d d6 31 f7 b7 1c bb c7 97 c3 5f e7");
    /** {client} derive write traffic keys for application data. */
    static final byte[] S5_CLIENT_AP_KEY = Hex.bytes("a7 eb 2a 05 25 eb 43 31 d5 8f cb f9 f7 ca 2e 9c");
    static final byte[] S5_CLIENT_AP_IV = Hex.bytes("86 e8 be 22 7c 1b d2 b3 e3 9c b4 44");

    /** {server} send handshake record: EncryptedExtensions, Certificate, CertificateVerify, Finished. */
    static final byte[] S5_SERVER_HANDSHAKE_RECORD = Hex.bytes("""
            17 03 03 02 96 99 be e2 0b af 5b 7f
            c7 27 bf ab 62 23 92 8a 38 1e 6d 0c f9 c4 da 65 3f 9d 2a 7b 23
            f7 de 11 cc e8 42 d5 cf 75 63 17 63 45 0f fb 8b 0c c1 d2 38 e6
            58 af 7a 12 ad c8 62 43 11 4a b1 4a 1d a2 fa e4 26 21 ce 48 3f
            b6 24 2e ab fa ad 52 56 6b 02 b3 1d 2e dd ed ef eb 80 e6 6a 99
            00 d5 f9 73 b4 0c 4f df 74 71 9e cf 1b 68 d7 f9 c3 b6 ce b9 03
            ca 13 dd 1b b8 f8 18 7a e3 34 17 e1 d1 52 52 2c 58 22 a1 a0 3a
            d5 2c 83 8c 55 95 3d 61 02 22 87 4c ce 8e 17 90 b2 29 a2 aa 0b
            53 c8 d3 77 ee 72 01 82 95 1d c6 18 1d c5 d9 0b d1 f0 10 5e d1
            e8 4a a5 f7 59 57 c6 66 18 97 07 9e 5e a5 00 74 49 e3 19 7b dc
            7c 9b ee ed dd ea fd d8 44 af a5 c3 15 ec fe 65 e5 76 af e9 09
            81 28 80 62 0e c7 04 8b 42 d7 f5 c7 8d 76 f2 99 d6 d8 25 34 bd
            d8 f5 12 fe bc 0e d3 81 4a ca 47 0c d8 00 0d 3e 1c b9 96 2b 05
            2f bb 95 0d f6 83 a5 2c 2b a7 7e d3 71 3b 12 29 37 a6 e5 17 09
            64 e2 ab 79 69 dc d9 80 b3 db 9b 45 8d a7 60 31 24 d6 dc 00 5e
            4d 6e 04 b4 d0 c4 ba f3 27 5d b8 27 db ba 0a 6d b0 96 72 17 1f
            c0 57 b3 85 1d 7e 02 68 41 e2 97 8f bd 23 46 bb ef dd 03 76 bb
            11 08 fe 9a cc 92 18 9f 56 50 aa 5e 85 d8 e8 c7 b6 7a c5 10 db
            a0 03 d3 d7 e1 63 50 bb 66 d4 50 13 ef d4 4c 9b 60 7c 0d 31 8c
            4c 7d 1a 1f 5c bc 57 e2 06 11 80 4e 37 87 d7 b4 a4 b5 f0 8e d8
            fd 70 bd ae ad e0 22 60 b1 2a b8 42 ef 69 0b 4a 3e e7 91 1e 84
            1b 37 4e cd 5e bb bc 2a 54 d0 47 b6 00 33 6d d7 d0 c8 8b 4b c1
            0e 58 ee 6c b6 56 de 72 47 fa 20 d8 e9 1d eb 84 62 86 08 cf 80
            61 5b 62 e9 6c 14 91 c7 ac 37 55 eb 69 01 40 5d 34 74 fe 1a c7
            9d 10 6a 0c ee 56 c2 57 7f c8 84 80 f9 6c b6 b8 c6 81 b7 b6 8b
            53 c1 46 09 39 08 f3 50 88 81 75 bd fb 0b 1e 31 ad 61 e3 0b a0
            ad fe 6d 22 3a a0 3c 07 83 b5 00 1a 57 58 7c 32 8a 9a fc fc fb
            97 8d 1c d4 32 8f 7d 9d 60 53 0e 63 0b ef d9 6c 0c 81 6e e2 0b
            01 00 76 8a e2 a6 df 51 fc 68 f1 72 74 0a 79 af 11 39 8e e3 be
            12 52 49 1f a9 c6 93 47 9e 87 7f 94 ab 7c 5f 8c ad 48 02 03 e6
            ab 7b 87 dd 71 e8 a0 72 91 13 df 17 f5 ee e8 6c e1 08 d1 d7 20
            07 ec 1c d1 3c 85 a6 c1 49 62 1e 77 b7 d7 8d 80 5a 30 f0 be 03
            0c 31 5e 54""");
    /** {client} send handshake record: Finished. */
    static final byte[] S5_CLIENT_FINISHED_RECORD = Hex.bytes("""
            17 03 03 00 35 d7 4f 19 23 c6 62 fd
            34 13 7c 6f 50 2f 3d d2 b9 3d 95 1d 1b 3b c9 7e 42 af e2 3c 31
            ab ea 92 fe 91 b4 74 99 9e 85 e3 b7 91 ce 25 2f e8 c3 e9 f9 39
            a4 12 0c b2""");
    /** {client} send alert record: close_notify (seq 0). */
    static final byte[] S5_CLIENT_ALERT_RECORD = Hex.bytes("""
            17 03 03 00 13 2e a6 cd f7 49 19 60
            23 e2 b3 a4 94 91 69 55 36 42 60 47""");
    /** {server} send alert record: close_notify (seq 0). */
    static final byte[] S5_SERVER_ALERT_RECORD = Hex.bytes("""
            17 03 03 00 13 51 9f c5 07 5c b0 88
            43 49 75 9f f9 ef 6f 01 1b b4 c6 f2""");
}
