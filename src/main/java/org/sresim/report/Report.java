package org.sresim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sresim.sweep.SweepException;

/**
 * The report of one sweep: an ordered list of {@link Section}s, each asked for its
 * {@link Part}s, written as {@code index.html} (static: no script, no network), {@code summary.md}
 * (the same text and tables in Markdown) and {@code figures/*.png} + {@code *.svg}.
 *
 * <p>Order: the overview, then the sections registered for this sweep's name in
 * {@link #SWEEP_SPECIFIC} (e.g. the paper comparison), then the generic figures.
 */
public final class Report {
    /** Sections every sweep gets, in order, after the overview and any sweep-specific sections. */
    static final List<Section> GENERIC = List.of(new SchemeSection(), new EnergySection(), new AxisSection(),
            new LayerSection(), new AccuracySection(), new RealModelsSection(), new DataSection(),
            new DesignSpaceSection(), new TransformersSection());

    /**
     * Sections for one sweep only, keyed by sweep name. To add one (e.g. the paper-vs-project
     * comparison for {@code sweeps/paper.yaml}): implement {@link Section} in this package and
     * register it here, e.g. {@code Map.of("paper", List.of(new PaperSection()))}.
     */
    static final Map<String, List<Section>> SWEEP_SPECIFIC = Map.of("paper", List.of(new PaperSection()));

    /** What {@link #write} produced. */
    public record Written(Path dir, int parts, int figures) {
    }

    private Report() {
    }

    /** The sections of a sweep's report, in order. */
    public static List<Section> sections(String sweep) {
        List<Section> s = new ArrayList<>();
        s.add(new OverviewSection());
        s.addAll(SWEEP_SPECIFIC.getOrDefault(sweep, List.of()));
        s.addAll(GENERIC);
        return s;
    }

    /** Runs every section's SQL; nothing is written yet. */
    public static List<Part> build(ReportContext ctx) {
        List<Part> parts = new ArrayList<>();
        for (Section s : sections(ctx.sweep())) {
            parts.addAll(s.build(ctx));
        }
        return parts;
    }

    /**
     * The sweep to report on: {@code requested} if given (it must be one of {@code names}), else the
     * only one there is. Errors are one line naming the choices.
     */
    public static String chooseSweep(String dir, List<String> names, String requested) {
        if (names.isEmpty()) {
            throw new SweepException(dir + ": no sweep results here (expected DIR/<sweep>/sweep.json or DIR/sweep.json)");
        }
        if (requested != null) {
            if (!names.contains(requested)) {
                throw new SweepException("--sweep " + requested + ": no such sweep in " + dir + " (choices: "
                        + String.join(", ", names) + ")");
            }
            return requested;
        }
        if (names.size() > 1) {
            throw new SweepException(dir + " holds " + names.size() + " sweeps (" + String.join(", ", names)
                    + "): choose one with --sweep NAME");
        }
        return names.get(0);
    }

    /**
     * Writes the report into {@code out}: first into a sibling staging folder, then swapped in, so
     * a failure leaves no half-written report. An existing {@code out} is replaced only if it is
     * empty or holds an earlier report (an index.html), never another folder.
     */
    public static Written write(String sweep, List<Part> parts, Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || (!isEmpty(target)
                && !Files.exists(target.resolve("index.html"))))) {
            throw new SweepException("--out " + out + ": exists and is not a report folder (no index.html); "
                    + "choose another --out");
        }
        Path staging = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            deleteTree(staging);
            Path figures = Files.createDirectories(staging.resolve("figures"));
            Map<String, FigureRenderer.Rendered> files = new LinkedHashMap<>();
            for (Part p : parts) {
                for (Block b : p.blocks()) {
                    if (b instanceof Block.FigureBlock f) {
                        if (files.containsKey(f.figure().name())) {
                            throw new IllegalStateException("two figures named " + f.figure().name());
                        }
                        files.put(f.figure().name(), FigureRenderer.write(f.figure(), figures));
                    }
                }
            }
            Files.writeString(staging.resolve("index.html"), HtmlWriter.page(sweep, parts, anchors(parts), files));
            Files.writeString(staging.resolve("summary.md"), MarkdownWriter.page(sweep, parts, files));
            deleteTree(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return new Written(target, parts.size(), files.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                // best effort: a leftover hidden staging folder is replaced by the next run
            }
        }
    }

    /** Unique heading ids: the title's anchor, numbered when two titles collide. */
    static List<String> anchors(List<Part> parts) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            String a = p.anchor();
            for (int i = 2; !seen.add(a); i++) {
                a = p.anchor() + "-" + i;
            }
            out.add(a);
        }
        return out;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
