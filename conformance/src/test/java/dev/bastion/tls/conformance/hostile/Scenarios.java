package dev.bastion.tls.conformance.hostile;

import java.util.ArrayList;
import java.util.List;

/** Every hostile scenario, from the catalogs. */
final class Scenarios {
    private Scenarios() {
    }

    /** The lists joined, in order. */
    @SafeVarargs
    static List<Scenario> concat(List<Scenario>... parts) {
        List<Scenario> all = new ArrayList<>();
        for (List<Scenario> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(BaselineScenarios.all());
        all.addAll(RecordScenarios.all());
        all.addAll(AlertScenarios.all());
        all.addAll(ClientHelloScenarios.all());
        all.addAll(ClientHelloExtensionScenarios.all());
        all.addAll(HelloRetryScenarios.all());
        all.addAll(ServerHelloScenarios.all());
        all.addAll(ServerFlightScenarios.all());
        all.addAll(ClientFlightScenarios.all());
        all.addAll(StateScenarios.all());
        all.addAll(PostHandshakeScenarios.all());
        all.addAll(Tls12ServerScenarios.all());
        all.addAll(Tls12ClientScenarios.all());
        all.addAll(Tls12AuthScenarios.all());
        all.addAll(Tls12PolicyScenarios.all());
        all.addAll(StaplingScenarios.all());
        all.addAll(PskScenarios.all());
        all.addAll(PskScenarios.ticketIssue());
        return all;
    }
}
