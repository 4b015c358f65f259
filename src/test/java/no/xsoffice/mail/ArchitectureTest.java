package no.xsoffice.mail;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The packages depend one way: no cycle between them, nothing but HTTP code reaching a resource. */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("no.xsoffice.mail");

    @Test
    void shouldKeepPackagesFreeOfCycles() {
        slices().matching("no.xsoffice.mail.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void shouldLetOnlyResourcesUseResources() {
        noClasses().that().areNotAnnotatedWith(Path.class)
                .should().dependOnClassesThat().areAnnotatedWith(Path.class)
                .check(SERVICE);
    }

    @Test
    void shouldKeepTheSmtpClientSideFreeOfTheDomain() {
        noClasses().that().resideInAPackage("no.xsoffice.mail.smtpclient..")
                .should().dependOnClassesThat(resideInAPackage("no.xsoffice.mail..")
                        .and(resideOutsideOfPackages("no.xsoffice.mail.smtpclient..", "no.xsoffice.mail.problem..")))
                .because("the SMTP client side sits under the settings and the routing that use it")
                .check(SERVICE);
    }

    @Test
    void shouldKeepDnsFreeOfTheRestOfTheService() {
        noClasses().that().resideInAPackage("no.xsoffice.mail.dns..")
                .should().dependOnClassesThat(resideInAPackage("no.xsoffice.mail..")
                        .and(resideOutsideOfPackages("no.xsoffice.mail.dns..")))
                .because("sending domains and provider templates both ask DNS through it")
                .check(SERVICE);
    }
}
