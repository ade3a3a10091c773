package dev.bastion.tls.conformance.hostile;

/**
 * The victim did not send what the scenario script needs to go on (usually because it already
 * failed, which is often the point). The runner turns it into a note on the outcome.
 */
final class ScriptStop extends RuntimeException {
    ScriptStop(String message) {
        super(message, null, false, false);
    }
}
