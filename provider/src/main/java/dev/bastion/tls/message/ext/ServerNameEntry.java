package dev.bastion.tls.message.ext;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One {@code ServerName} of the server_name list (RFC 6066 §3). For {@link #HOST_NAME} the
 * name is the HostName bytes; for other name types, the opaque body after the type byte
 * (RFC 6066 §3 requires future types to start with a 16-bit length, which is how they are read).
 */
public record ServerNameEntry(int nameType, Opaque name) {
    /** NameType host_name. */
    public static final int HOST_NAME = 0;

    public ServerNameEntry {
        Objects.requireNonNull(name, "name");
        if (nameType < 0 || nameType > 255) {
            throw new IllegalArgumentException("name_type must be a u8: " + nameType);
        }
        if (nameType == HOST_NAME && name.isEmpty()) {
            throw new IllegalArgumentException("HostName must not be empty");
        }
    }

    /** A host_name entry; {@code host} is written as ASCII bytes. */
    public static ServerNameEntry hostName(String host) {
        return new ServerNameEntry(HOST_NAME, Opaque.of(host.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        if (nameType == HOST_NAME) {
            return "host_name=" + new String(name.toByteArray(), StandardCharsets.ISO_8859_1);
        }
        return "name_type(" + nameType + ")=" + name;
    }
}
