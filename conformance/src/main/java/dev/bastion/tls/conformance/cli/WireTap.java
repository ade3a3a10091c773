package dev.bastion.tls.conformance.cli;

/** Sees the raw bytes a {@link TlsConnection} sends and receives. */
@FunctionalInterface
public interface WireTap {
    /** A tap that ignores everything. */
    WireTap NONE = (sent, b, off, len) -> { };

    /** {@code len} bytes of {@code b} from {@code off} were sent ({@code sent}) or received. */
    void bytes(boolean sent, byte[] b, int off, int len);
}
