package dev.bastion.tls.conformance.hostile;

import java.util.ArrayList;
import java.util.List;

/** Every hostile scenario, from the catalogs. */
final class Scenarios {
    private Scenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(BaselineScenarios.all());
        return all;
    }
}
