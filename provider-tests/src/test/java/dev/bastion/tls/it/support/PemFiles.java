package dev.bastion.tls.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * Writes the test PKI as files that servers outside the JVM (PostgreSQL, aiosmtpd) and
 * applications configured by file names read: PEM certificates and PKCS#8 keys, PKCS#12 stores.
 */
public final class PemFiles {
    private PemFiles() {
    }

    /** The "server" entry's certificate chain (leaf first) as PEM. */
    public static Path chain(KeyStore ks, Path file) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Certificate c : ks.getCertificateChain("server")) {
            sb.append(block("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
        return file;
    }

    /** The "server" entry's private key as unencrypted PKCS#8 PEM, readable by its owner only (0600). */
    public static Path key(KeyStore ks, Path file) throws Exception {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, block("PRIVATE KEY", ks.getKey("server", Credentials.PASSWORD).getEncoded()),
                StandardCharsets.US_ASCII);
        return file;
    }

    /** The test CA's certificate as PEM. */
    public static Path ca(Path file) throws Exception {
        Files.writeString(file, block("CERTIFICATE", Credentials.get().ca().getEncoded()), StandardCharsets.US_ASCII);
        return file;
    }

    /** A key store as a PKCS#12 file with password {@link Credentials#PASSWORD}. */
    public static Path pkcs12(KeyStore ks, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, Credentials.PASSWORD);
        }
        return file;
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A port that was free a moment ago on 127.0.0.1 (for servers that cannot report the one they bound). */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
