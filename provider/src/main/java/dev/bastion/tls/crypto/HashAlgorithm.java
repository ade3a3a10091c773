package dev.bastion.tls.crypto;

/** The hash functions of TLS 1.3 suites and the TLS 1.2 PRF. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32, 64),
    SHA384("SHA-384", "HmacSHA384", 48, 128);

    private final String jcaName;
    private final String hmacName;
    private final int length;
    private final int blockLength;

    HashAlgorithm(String jcaName, String hmacName, int length, int blockLength) {
        this.jcaName = jcaName;
        this.hmacName = hmacName;
        this.length = length;
        this.blockLength = blockLength;
    }

    /** JCA {@code MessageDigest} name. */
    public String jcaName() {
        return jcaName;
    }

    /** JCA {@code Mac} name of the HMAC over this hash. */
    public String hmacName() {
        return hmacName;
    }

    /** Output length in bytes. */
    public int length() {
        return length;
    }

    /** Input block length in bytes (FIPS 180-4), the {@code B} of HMAC (RFC 2104 §2). */
    public int blockLength() {
        return blockLength;
    }
}
