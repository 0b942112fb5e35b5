package io.paygate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries the architecture describes, checked on the compiled classes. */
class ArchitectureTest {

    /**
     * Without the bean definitions Spring's ahead-of-time processing writes at package time (classes
     * named {@code X__BeanDefinitions} and the like): generated wiring, which names every bean's type.
     */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("__"))
            .importPackages("io.paygate");

    @Test
    void thePlatformLayerKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.paygate.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.paygate.payment..", "io.paygate.customer..",
                        "io.paygate.paymentmethod..", "io.paygate.merchant..", "io.paygate.connector", "io.paygate.connector.web..",
                        "io.paygate.event..", "io.paygate.vault..", "io.paygate.simulator..", "io.paygate.docs..")
                .check(CLASSES);
    }

    @Test
    void paygateTalksToTheSimulatorOnlyOverHttp() {
        noClasses().that().resideOutsideOfPackage("io.paygate.simulator..")
                .should().dependOnClassesThat().resideInAPackage("io.paygate.simulator..")
                .check(CLASSES);
    }

    @Test
    void theSimulatorUsesNoPaymentInternals() {
        noClasses().that().resideInAPackage("io.paygate.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("io.paygate.payment..", "io.paygate.paymentmethod..",
                        "io.paygate.vault..", "io.paygate.customer..")
                .check(CLASSES);
    }

    @Test
    void webLayersAreNotUsedByServices() {
        noClasses().that().resideOutsideOfPackages("..web..", "io.paygate.docs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.paygate.payment.web..", "io.paygate.customer.web..",
                        "io.paygate.paymentmethod.web..", "io.paygate.merchant.web..", "io.paygate.connector.web..",
                        "io.paygate.event.web..", "io.paygate.simulator.web..")
                .check(CLASSES);
    }

    @Test
    void connectorsDoNotKnowTheServer() {
        noClasses().that().resideInAPackage("io.paygate.connector.spi..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }
}
