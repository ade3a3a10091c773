package dev.bastion.tls.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fails the build when the provider breaks the layer rules of DESIGN.md. */
class LayerTest {

    @Test
    void providerFollowsTheLayerList() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.bastion.tls");
        assertTrue(main.size() > 10, "imported too few classes to mean anything: " + main.size());
        List<String> v = LayerRules.violations("dev.bastion.tls", main);
        assertEquals(List.of(), v, "layer violations:\n" + String.join("\n", v));
    }

    /** The rule itself catches what it must: an upward import and Bouncy Castle outside crypto. */
    @Test
    void ruleCatchesViolationsInAFixture() {
        String root = "dev.bastion.tls.arch.fixture";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        List<String> v = LayerRules.violations(root, fixture);
        assertEquals(2, v.size(), String.join("\n", v));
        assertTrue(v.stream().anyMatch(s -> s.startsWith("codec -> record points up")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("only crypto may use Bouncy Castle")), v.toString());
    }
}
