package org.sresim;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.sresim.engine.Scheme;

/**
 * The house's one-way order: config, hw, workload, engine, sweep, design, report, spark, bench, cli,
 * each package using only those before it (hw and workload know nothing of each other), and the core
 * up to report free of Spark, Scala and Hadoop, so a grid point needs nothing but the core to be
 * simulated. Benchmarks and replays time the layers below them and only the CLI calls them.
 * Inside the engine the data's steps keep the same one-way order: counting, then the accuracy
 * proxies (which walk counting's mapping), then the chip's provisioning and area models in
 * pricing, all below the engine root that orchestrates them and builds the result rows.
 */
@AnalyzeClasses(packages = "org.sresim", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageOrderTest {
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("config").definedBy("org.sresim.config..")
            .layer("hw").definedBy("org.sresim.hw..")
            .layer("workload").definedBy("org.sresim.workload..")
            .layer("engine").definedBy("org.sresim.engine..")
            .layer("sweep").definedBy("org.sresim.sweep..")
            .layer("design").definedBy("org.sresim.design..")
            .layer("report").definedBy("org.sresim.report..")
            .layer("spark").definedBy("org.sresim.spark..")
            .layer("bench").definedBy("org.sresim.bench..")
            .layer("cli").definedBy("org.sresim.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("spark").mayOnlyBeAccessedByLayers("bench", "cli")
            .whereLayer("report").mayOnlyBeAccessedByLayers("spark", "bench", "cli")
            .whereLayer("design").mayOnlyBeAccessedByLayers("report", "spark", "bench", "cli")
            .whereLayer("sweep").mayOnlyBeAccessedByLayers("design", "report", "spark", "bench", "cli")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("sweep", "design", "report", "spark", "bench", "cli")
            .whereLayer("workload").mayOnlyBeAccessedByLayers("engine", "sweep", "design", "report", "spark", "bench",
                    "cli")
            .whereLayer("hw").mayOnlyBeAccessedByLayers("engine", "sweep", "design", "report", "spark", "bench", "cli");

    @ArchTest
    static final ArchRule coreWithoutSpark = noClasses().that().resideInAnyPackage("org.sresim.config..",
                    "org.sresim.hw..", "org.sresim.workload..", "org.sresim.engine..", "org.sresim.sweep..",
                    "org.sresim.design..", "org.sresim.report..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..");

    @ArchTest
    static final ArchRule engineSteps = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("counting").definedBy("org.sresim.engine.counting..")
            .layer("accuracy").definedBy("org.sresim.engine.accuracy..")
            .layer("pricing").definedBy("org.sresim.engine.pricing..")
            .whereLayer("pricing").mayNotBeAccessedByAnyLayer()
            .whereLayer("accuracy").mayOnlyBeAccessedByLayers("pricing")
            .whereLayer("counting").mayOnlyBeAccessedByLayers("accuracy", "pricing");

    /** The steps share the scheme enum (and arrays of it) with the root and use nothing else of it. */
    @ArchTest
    static final ArchRule engineStepsBelowTheRoot = noClasses().that().resideInAnyPackage(
                    "org.sresim.engine.counting..", "org.sresim.engine.accuracy..", "org.sresim.engine.pricing..")
            .should().dependOnClassesThat(resideInAPackage("org.sresim.engine")
                    .and(not(equivalentTo(Scheme.class))).and(not(equivalentTo(Scheme[].class))));
}
