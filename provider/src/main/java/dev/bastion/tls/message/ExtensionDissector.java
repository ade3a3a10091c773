package dev.bastion.tls.message;

import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Cookie;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.KeyShareHelloRetryRequest;
import dev.bastion.tls.message.ext.KeyShareServerHello;
import dev.bastion.tls.message.ext.MaxEarlyDataSize;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.Padding;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PreSharedKeyServerHello;
import dev.bastion.tls.message.ext.PskIdentity;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.message.ext.RecordSizeLimit;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.ServerNameEntry;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.StatusRequest;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import dev.bastion.tls.message.ext.UnknownExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The extension half of {@link Dissector}: each extension as Wireshark shows it, its type and
 * length, then its decoded contents (group, scheme, version and suite names; key share groups
 * with their lengths; host names; ALPN strings; PSK identities...). Unknown and GREASE
 * extensions show their bytes.
 */
final class ExtensionDissector {
    private ExtensionDissector() {
    }

    /** The whole block: its length and every extension, or a note that the field is absent. */
    static void block(Dissection d, Extensions extensions) {
        if (!extensions.isPresent()) {
            d.line("(no extensions field)");
            return;
        }
        int total = 0;
        for (Extension e : extensions.list()) {
            total += 4 + dataLength(e);
        }
        d.field("Extensions Length", total);
        for (Extension e : extensions.list()) {
            extension(d, e);
        }
    }

    /** One extension: {@code Extension: key_share (len=38)}, its type, length and contents. */
    static void extension(Dissection d, Extension e) {
        int length = dataLength(e);
        String name = ExtensionType.of(e.code()).map(ExtensionType::rfcName).orElse(e.name());
        d.open("Extension: " + name + " (len=" + length + ")");
        d.field("Type", e.name());
        d.field("Length", length);
        contents(d, e);
        d.close();
    }

    /** A DER-encoded X.500 name as text, or its bytes when it does not parse. */
    static String distinguishedName(Opaque der) {
        try {
            return new X500Principal(der.toByteArray()).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            return der + " (not a DER distinguished name)";
        }
    }

    private static int dataLength(Extension e) {
        Writer w = new Writer();
        e.encodeData(w);
        return w.length();
    }

    private static void contents(Dissection d, Extension e) {
        if (e instanceof ServerName x) {
            serverName(d, x);
        } else if (e instanceof SupportedGroups x) {
            d.codes("Supported Groups", "Supported Group", x.groups(), 2 * x.groups().size(), Codes::group);
        } else if (e instanceof SignatureAlgorithms x) {
            d.codes("Signature Hash Algorithms", "Signature Algorithm", x.schemes(), 2 * x.schemes().size(),
                    Codes::scheme);
        } else if (e instanceof SignatureAlgorithmsCert x) {
            d.codes("Signature Hash Algorithms", "Signature Algorithm", x.schemes(), 2 * x.schemes().size(),
                    Codes::scheme);
        } else if (e instanceof SupportedVersionsClientHello x) {
            d.codes("Supported Versions", "Supported Version", x.versions(), 2 * x.versions().size(),
                    Codes::version);
        } else if (e instanceof SupportedVersionsServerHello x) {
            d.field("Supported Version", Codes.version(x.selectedVersion()));
        } else if (e instanceof KeyShareClientHello x) {
            keyShares(d, x.shares());
        } else if (e instanceof KeyShareServerHello x) {
            keyShare(d, x.share());
        } else if (e instanceof KeyShareHelloRetryRequest x) {
            d.field("Selected Group", Codes.group(x.selectedGroup()));
        } else if (e instanceof Alpn x) {
            alpn(d, x);
        } else if (e instanceof PreSharedKeyClientHello x) {
            preSharedKey(d, x);
        } else if (e instanceof PreSharedKeyServerHello x) {
            d.field("Selected Identity", x.selectedIdentity());
        } else {
            simple(d, e);
        }
    }

    /** Extensions with one small field (or none). */
    private static void simple(Dissection d, Extension e) {
        if (e instanceof PskKeyExchangeModes x) {
            d.codes("PSK Key Exchange Modes", "PSK Key Exchange Mode", x.modes(), x.modes().size(),
                    ExtensionDissector::pskMode);
        } else if (e instanceof EcPointFormats x) {
            d.codes("EC point formats", "EC point format", x.formats(), x.formats().size(),
                    ExtensionDissector::pointFormat);
        } else if (e instanceof MaxFragmentLength x) {
            d.field("Maximum Fragment Length", x.maxFragmentBytes() + " (" + x.value() + ")");
        } else if (e instanceof RecordSizeLimit x) {
            d.field("Record Size Limit", x.limit());
        } else if (e instanceof MaxEarlyDataSize x) {
            d.field("Maximum Early Data Size", x.maxEarlyDataSize());
        } else if (e instanceof StatusRequest x) {
            statusRequest(d, x.data());
        } else if (e instanceof Cookie x) {
            d.lengthAndBytes("Cookie", x.cookie());
        } else if (e instanceof RenegotiationInfo x) {
            d.lengthAndBytes("Renegotiation Info", x.renegotiatedConnection());
        } else if (e instanceof SessionTicket x) {
            d.lengthAndBytes("Session Ticket", x.ticket());
        } else if (e instanceof CertificateAuthorities x) {
            distinguishedNames(d, x.authorities());
        } else if (e instanceof Padding x) {
            d.field("Padding Data", x.data().length() + " bytes" + (x.isAllZero() ? ", all zero" : ", NOT all zero"));
        } else if (e instanceof UnknownExtension x) {
            d.field("Data", x.data());
        }
        // early_data, encrypt_then_mac, extended_master_secret, post_handshake_auth: no data
    }

    private static void serverName(Dissection d, ServerName x) {
        if (x.names().isEmpty()) {
            d.line("(empty: the server used the name the client sent)");
            return;
        }
        int length = 0;
        for (ServerNameEntry n : x.names()) {
            length += 3 + n.name().length();
        }
        d.open("Server Name Indication extension");
        d.field("Server Name list length", length);
        for (ServerNameEntry n : x.names()) {
            d.field("Server Name Type", (n.nameType() == 0 ? "host_name" : "unknown") + " (" + n.nameType() + ")");
            d.field("Server Name length", n.name().length());
            d.field("Server Name", n.nameType() == 0
                    ? new String(n.name().toByteArray(), StandardCharsets.ISO_8859_1) : n.name().toString());
        }
        d.close();
    }

    private static void keyShares(Dissection d, List<KeyShareEntry> shares) {
        int length = 0;
        for (KeyShareEntry s : shares) {
            length += 4 + s.keyExchange().length();
        }
        d.field("Client Key Share Length", length);
        for (KeyShareEntry s : shares) {
            keyShare(d, s);
        }
    }

    private static void keyShare(Dissection d, KeyShareEntry s) {
        d.open("Key Share Entry: Group: " + Codes.group(s.group()) + ", Key Exchange length: "
                + s.keyExchange().length());
        d.field("Group", Codes.group(s.group()));
        d.lengthAndBytes("Key Exchange", s.keyExchange());
        d.close();
    }

    private static void alpn(Dissection d, Alpn x) {
        int length = 0;
        for (Opaque p : x.protocols()) {
            length += 1 + p.length();
        }
        d.field("ALPN Extension Length", length);
        d.open("ALPN Protocol");
        for (String p : x.protocolNames()) {
            d.field("ALPN string length", p.length());
            d.field("ALPN Next Protocol", p);
        }
        d.close();
    }

    private static void preSharedKey(Dissection d, PreSharedKeyClientHello x) {
        int length = 0;
        for (PskIdentity id : x.identities()) {
            length += 6 + id.identity().length();
        }
        d.field("Identities Length", length);
        for (PskIdentity id : x.identities()) {
            d.open("PSK Identity (length: " + id.identity().length() + ")");
            d.field("Identity", id.identity());
            d.field("Obfuscated Ticket Age", id.obfuscatedTicketAge());
            d.close();
        }
        int binders = 0;
        for (Opaque b : x.binders()) {
            binders += 1 + b.length();
        }
        d.field("PSK Binders length", binders);
        for (Opaque b : x.binders()) {
            d.field("PSK Binder", b);
        }
    }

    private static void statusRequest(Dissection d, Opaque data) {
        if (data.isEmpty()) {
            d.line("(empty: the server will send a certificate status)");
            return;
        }
        d.field("Certificate Status Type", (data.get(0) == 1 ? "OCSP" : "unknown") + " (" + data.get(0) + ")");
        d.field("Data", data);
    }

    private static void distinguishedNames(Dissection d, List<Opaque> names) {
        int length = 0;
        for (Opaque n : names) {
            length += 2 + n.length();
        }
        d.field("Distinguished Names Length", length);
        d.open("Distinguished Names (" + names.size() + (names.size() == 1 ? " item)" : " items)"));
        for (Opaque n : names) {
            d.field("Distinguished Name", distinguishedName(n));
        }
        d.close();
    }

    /** RFC 8446 §4.2.9. */
    private static String pskMode(int mode) {
        return switch (mode) {
            case PskKeyExchangeModes.PSK_KE -> "psk_ke (0)";
            case PskKeyExchangeModes.PSK_DHE_KE -> "psk_dhe_ke (1)";
            default -> "unknown (" + mode + ")";
        };
    }

    /** RFC 8422 §5.1.2. */
    private static String pointFormat(int format) {
        return switch (format) {
            case EcPointFormats.UNCOMPRESSED -> "uncompressed (0)";
            case 1 -> "ansiX962_compressed_prime (1)";
            case 2 -> "ansiX962_compressed_char2 (2)";
            default -> "unknown (" + format + ")";
        };
    }
}
