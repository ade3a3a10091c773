package dev.bastion.tls.trust;

import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXCertPathChecker;
import java.util.Set;

/** A path checker that checks each certificate on its own, in the validator's (reverse) order, and handles no extension. */
abstract class ReverseChecker extends PKIXCertPathChecker {

    @Override
    public final void init(boolean forward) throws CertPathValidatorException {
        if (forward) {
            throw new CertPathValidatorException("forward checking is not supported");
        }
    }

    @Override
    public final boolean isForwardCheckingSupported() {
        return false;
    }

    @Override
    public final Set<String> getSupportedExtensions() {
        return null;
    }
}
