package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.message.CertificateEntry;
import dev.bastion.tls.message.CertificateStatus;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.StatusRequest;
import java.io.ByteArrayInputStream;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** Certificate chains between their wire form (DER per entry) and {@link X509Certificate}s. */
public final class CertificateChains {
    private static final Trace TRACE = Trace.get("handshake");

    private CertificateChains() {
    }

    /**
     * Parses a peer's chain (end-entity first).
     *
     * @param maxLength the longest chain taken from the peer; 0 or less for no limit
     * @param sender "server" or "client", for the alert text
     * @throws TlsAlert {@code bad_certificate} for a chain longer than {@code maxLength} or an
     *     entry that is not an X.509 certificate (RFC 8446 §6.2: "A certificate was corrupt")
     */
    public static X509Certificate[] parse(List<Opaque> encoded, int maxLength, String sender) {
        if (maxLength > 0 && encoded.size() > maxLength) {
            String side = sender.equals("server") ? "client" : "server"; // the side whose limit it is
            throw new TlsAlert(AlertDescription.BAD_CERTIFICATE, sender + " sent " + encoded.size()
                    + " certificates, more than the limit of " + maxLength + " (jdk.tls." + side
                    + ".maxInboundCertificateChainLength or jdk.tls.maxCertificateChainLength)");
        }
        CertificateFactory factory = factory();
        X509Certificate[] out = new X509Certificate[encoded.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = one(factory, encoded.get(i), i, sender);
        }
        return out;
    }

    /** Our chain as Certificate entries, without extensions. */
    public static List<CertificateEntry> entries(List<X509Certificate> chain) {
        return encoded(chain).stream().map(CertificateEntry::of).toList();
    }

    /**
     * Our chain as Certificate entries; the first carries {@code staple} (a DER OCSPResponse) as
     * its status_request extension when there is one (RFC 8446 §4.4.2.1).
     */
    public static List<CertificateEntry> entries(List<X509Certificate> chain, Optional<byte[]> staple) {
        List<CertificateEntry> entries = entries(chain);
        if (staple.isEmpty() || entries.isEmpty()) {
            return entries;
        }
        List<CertificateEntry> out = new ArrayList<>(entries);
        Writer w = new Writer();
        new CertificateStatus(Opaque.of(staple.get())).encode(w);
        out.set(0, new CertificateEntry(entries.get(0).data(), Extensions.of(new StatusRequest(Opaque.of(w.toByteArray())))));
        return out;
    }

    /** Our chain as DER encodings (a TLS 1.2 certificate_list). */
    public static List<Opaque> encoded(List<X509Certificate> chain) {
        List<Opaque> out = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            try {
                out.add(Opaque.of(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw TlsAlert.internalError("cannot encode our certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The certificate_authorities of a ClientHello or CertificateRequest as principals for the
     * key manager (RFC 8446 §4.2.4); empty without the extension.
     *
     * @throws TlsAlert {@code decode_error} for a name that is not a DER DistinguishedName
     */
    public static List<Principal> issuers(Extensions extensions) {
        return issuers(extensions.get(CertificateAuthorities.class).map(CertificateAuthorities::authorities)
                .orElse(List.of()));
    }

    /**
     * DER DistinguishedNames (certificate_authorities, or a TLS 1.2 CertificateRequest's, RFC 5246
     * §7.4.4) as principals for the key manager.
     *
     * @throws TlsAlert {@code decode_error} for a name that is not a DER DistinguishedName
     */
    public static List<Principal> issuers(List<Opaque> names) {
        List<Principal> out = new ArrayList<>();
        for (Opaque name : names) {
            try {
                out.add(new X500Principal(name.toByteArray()));
            } catch (IllegalArgumentException e) {
                throw TlsAlert.decodeError("certificate_authorities holds a name that is not a DER"
                        + " DistinguishedName: " + name);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The names a server's CertificateRequest lists (RFC 8446 §4.2.4 certificate_authorities,
     * RFC 5246 §7.4.4), or a client's ClientHello with {@code jdk.tls.client.enableCAExtension}:
     * {@code names} when their encoding fits the 2^16-1 bytes of the vector, otherwise none (the
     * peer then picks any certificate, as it would with no list);
     * names that are empty or longer than 2^16-1 bytes are left out.
     */
    public static List<Opaque> authorities(List<byte[]> names) {
        List<Opaque> out = new ArrayList<>();
        int length = 0;
        for (byte[] name : names) {
            if (name.length == 0 || name.length > 0xFFFF) {
                continue;
            }
            length += 2 + name.length;
            if (length > 0xFFFF) {
                int total = names.size();
                TRACE.debug(() -> "certificate_authorities names no CAs: the " + total
                        + " accepted issuers' names do not fit its 65,535-byte list");
                return List.of();
            }
            out.add(Opaque.of(name));
        }
        return List.copyOf(out);
    }

    private static X509Certificate one(CertificateFactory factory, Opaque der, int index, String sender) {
        try {
            Certificate c = factory.generateCertificate(new ByteArrayInputStream(der.toByteArray()));
            if (c instanceof X509Certificate) {
                return (X509Certificate) c;
            }
            throw new CertificateException("not an X.509 certificate: " + c.getType());
        } catch (CertificateException | RuntimeException e) {
            throw new TlsAlert(AlertDescription.BAD_CERTIFICATE, sender + "'s certificate " + index
                    + " cannot be parsed (" + der.length() + " bytes): " + e.getMessage(), e);
        }
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw TlsAlert.internalError("this JVM has no X.509 CertificateFactory", e);
        }
    }
}
