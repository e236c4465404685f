package org.sresim;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house's one-way order: config, hw, workload, engine, sweep, design, report, spark, bench, cli,
 * each package using only those before it (hw and workload know nothing of each other), and the core
 * up to report free of Spark, Scala and Hadoop, so a grid point needs nothing but the core to be
 * simulated. Benchmarks and replays time the layers below them and only the CLI calls them.
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
}
