package org.sresim.report;

import java.util.ArrayList;
import java.util.List;

/** What the sweep holds: size, completeness, networks, seeds, axes and fixed parameters. */
final class OverviewSection implements Section {
    @Override
    public List<Part> build(ReportContext ctx) {
        SweepFacts f = ctx.facts();
        Table sweep = ctx.sql().query("SELECT grid_size, committed_points, complete FROM sweeps WHERE name = "
                + ReportContext.quoted(List.of(ctx.sweep())));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("points in the tables", f.points()));
        if (sweep.size() == 1) {
            rows.add(List.of("grid size", sweep.value(0, "grid_size")));
            rows.add(List.of("complete", sweep.value(0, "complete")));
        }
        rows.add(List.of("networks", String.join(", ", f.networks())));
        rows.add(List.of("seeds", SweepFacts.joined(f.seeds())));
        for (SweepFacts.Axis a : f.axes()) {
            List<String> vals = new ArrayList<>();
            for (String c : a.columns()) {
                String v = SweepFacts.joined(f.values().get(c));
                vals.add(a.columns().size() == 1 ? v : SweepFacts.key(c) + ": " + v);
            }
            rows.add(List.of("axis " + a.keys(), String.join("; ", vals)));
        }
        if (!f.fixedText().isEmpty()) {
            rows.add(List.of("fixed", f.fixedText()));
        }
        Table facts = new Table(List.of("item", "value"), rows);
        return List.of(new Part("Sweep " + ctx.sweep(), List.of(
                new Block.Paragraph("Every number in this report is a Spark SQL aggregate (avg, min, max, count) of "
                        + "the sweep's rows in the points and layers tables; the table under each figure holds the "
                        + "numbers it plots. Speedup is dense latency / latency and energy saving is "
                        + "1 - energy / dense energy, both within one design point, so dense (the OU baseline "
                        + "without sparsity) is 1x and 0 % by definition and left out of those figures. Each "
                        + "figure's subtitle names what the sweep fixes and what the figure averages over; a mean "
                        + "is first taken per seed, then over the seeds, and min and max (bands) are the lowest "
                        + "and highest per-seed means, i.e. how much the random draw moves the result. A dash (" + Cells.NULL + ") is an SQL NULL (e.g. no value to "
                        + "average)."),
                new Block.TableBlock("What the sweep holds", facts))));
    }
}
