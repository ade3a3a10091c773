package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.testutil.Rfc3526;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.server.defaultDHEParameters}: the JDK's syntax, and only safe primes of a usable
 * size. The 2048-bit group is RFC 3526's MODP group 14, as {@code openssl genpkey -genparam
 * -algorithm DH -pkeyopt group:modp_2048} prints it; the 1024-bit one is the example in the
 * JDK's {@code java.security} (RFC 2409's second Oakley group).
 */
class CustomDheTest {
    private static final String MODP_2048 = Rfc3526.MODP_2048_HEX;
    private static final String OAKLEY_1024 = "FFFFFFFF FFFFFFFF C90FDAA2 2168C234 C4C6628B 80DC1CD1 "
            + "29024E08 8A67CC74 020BBEA6 3B139B22 514A0879 8E3404DD EF9519B3 CD3A431B 302B0A6D F25F1437 "
            + "4FE1356D 6D51C245 E485B576 625E7EC6 F44C42E9 A637ED6B 0BFF5CB6 F406B7ED EE386BFB 5A899FA5 "
            + "AE9F2411 7C4B1FE6 49286651 ECE65381 FFFFFFFF FFFFFFFF";

    @Test
    void aSafePrimeGroupOfUsableSizeIsTakenByItsSize() {
        Map<Integer, DhParameters> m = CustomDhe.parse("\"{ " + MODP_2048.toLowerCase() + " , 2 }\"", 2048);
        assertEquals(Map.of(2048, new DhParameters(new BigInteger(MODP_2048, 16), BigInteger.TWO)), m);
        assertEquals(m, CustomDhe.parse("{" + OAKLEY_1024 + ",2},\n{" + MODP_2048 + ",2}", 2048),
                "the 1024-bit group is refused, the other kept");
    }

    @Test
    void otherGroupsAreIgnored() {
        BigInteger modp = new BigInteger(MODP_2048, 16);
        assertEquals(Map.of(), CustomDhe.parse("{" + MODP_2048 + ",2}", 3072), "below DH keySize < 3072");
        assertEquals(Map.of(), CustomDhe.parse("{" + modp.add(BigInteger.TWO).toString(16) + ",2}", 2048), "composite");
        BigInteger unsafe = BigInteger.probablePrime(2048, new SecureRandom());
        assertEquals(Map.of(), CustomDhe.parse("{" + unsafe.toString(16) + ",2}", 2048), "(p-1)/2 composite");
        assertEquals(Map.of(), CustomDhe.parse("{" + MODP_2048 + ",1}", 2048), "generator 1");
        assertEquals(Map.of(), CustomDhe.parse("{" + MODP_2048 + ",2},{zz,2}", 2048), "not the syntax: nothing");
        assertEquals(Map.of(), CustomDhe.parse("  ", 2048));
        assertEquals(Map.of(), CustomDhe.parse(null, 2048));
    }

    @Test
    void theContextReadsTheSecurityProperty() {
        TlsPolicy p = TlsPolicy.load(PropertySource.of(Map.of(), Map.of(CustomDhe.PROPERTY, "{" + MODP_2048 + ",2}")), "TLS");
        assertEquals(2048, p.tls12().customDhe().keySet().iterator().next());
        assertEquals(Map.of(), TlsPolicy.load(PropertySource.of(Map.of(), Map.of()), "TLS").tls12().customDhe());
    }
}
