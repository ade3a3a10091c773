package dev.bastion.tls.crypto;

/** The hash functions of TLS 1.3 suites and the TLS 1.2 PRF. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48);

    private final String jcaName;
    private final String hmacName;
    private final int length;

    HashAlgorithm(String jcaName, String hmacName, int length) {
        this.jcaName = jcaName;
        this.hmacName = hmacName;
        this.length = length;
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
}
