package com.infusionoutcomes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.lang.annotation.Annotation;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Singleton;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code, checked on the compiled application classes: the packages depend on each other without
 * cycles, so each can be read, tested and changed knowing only those below it; and the trend engine computes on
 * plain values, so the endpoint, the panel, the alert rules and the outcomes all feed it the same way.
 */
class ArchitectureTest {

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.infusionoutcomes");

    /** What a trend package holds besides the engine: the beans that load, serve and store, and entities. */
    private static final List<Class<? extends Annotation>> ADAPTERS = List.of(ApplicationScoped.class,
            RequestScoped.class, Dependent.class, Singleton.class, Path.class, Entity.class, Embeddable.class);

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("com.infusionoutcomes.(*)..").should().beFreeOfCycles().check(APPLICATION);
    }

    @Test
    void trendEngineUsesNoEntityNorPersistence() {
        noClasses().that().resideInAPackage("com.infusionoutcomes.trend..").and(engine())
                .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..")
                .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Embeddable.class)
                .because("the trend engine computes on plain values; its repository turns records into them")
                .check(APPLICATION);
    }

    /** Classes that are neither an adapter nor nested in one. */
    private static DescribedPredicate<JavaClass> engine() {
        return DescribedPredicate.describe("are the trend engine (no bean, resource or entity)", c -> {
            for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                JavaClass owner = k;
                if (ADAPTERS.stream().anyMatch(owner::isAnnotatedWith)) {
                    return false;
                }
            }
            return true;
        });
    }
}
