package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;

/** The server name a client sends for its peer host (RFC 6066 §3: no IP literals), as SunJSSE decides it. */
class ServerNamesTest {

    @Test
    void ipLiteralsInAnyOfTheJdksFormsAreNotSent() {
        for (String host : new String[] {"127.0.0.1", "127.1", "10.1.2", "::1", "localhost", "example.com.", "a."}) {
            Optional<SNIHostName> name = ServerNames.fromPeerHost(host);
            assertEquals(host.equals("example.com.") ? Optional.of(new SNIHostName("example.com")) : Optional.empty(), name,
                    host);
        }
        assertEquals(Optional.of(new SNIHostName("www.example.org")), ServerNames.fromPeerHost("www.example.org"));
        assertEquals(Optional.of(new SNIHostName("1.example")), ServerNames.fromPeerHost("1.example"));
    }
}
