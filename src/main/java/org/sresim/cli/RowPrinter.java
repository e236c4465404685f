package org.sresim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Prints query results as an aligned table, CSV or a JSON array of objects. */
final class RowPrinter {
    enum Format { table, csv, json }

    private RowPrinter() {
    }

    static void print(StructType schema, List<Row> rows, Format format, PrintWriter out) {
        print(schema, rows, format, out, String.format("(%d row%s)", rows.size(), rows.size() == 1 ? "" : "s"));
    }

    /** As {@link #print(StructType, List, Format, PrintWriter)}, with {@code tableFooter} under a table. */
    static void print(StructType schema, List<Row> rows, Format format, PrintWriter out, String tableFooter) {
        String[] names = schema.fieldNames();
        switch (format) {
            case csv -> {
                out.println(String.join(",", names));
                for (Row r : rows) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < names.length; i++) {
                        cells.add(csv(cell(r, i)));
                    }
                    out.println(String.join(",", cells));
                }
            }
            case json -> {
                ObjectMapper json = new ObjectMapper();
                ArrayNode array = json.createArrayNode();
                for (Row r : rows) {
                    ObjectNode o = array.addObject();
                    StructField[] fields = schema.fields();
                    for (int i = 0; i < fields.length; i++) {
                        o.set(fields[i].name(), json.valueToTree(r.isNullAt(i) ? null : r.get(i)));
                    }
                }
                out.println(array.toPrettyString());
            }
            case table -> {
                int[] width = new int[names.length];
                for (int i = 0; i < names.length; i++) {
                    width[i] = names[i].length();
                }
                List<String[]> cells = new ArrayList<>();
                for (Row r : rows) {
                    String[] c = new String[names.length];
                    for (int i = 0; i < names.length; i++) {
                        c[i] = cell(r, i);
                        width[i] = Math.max(width[i], c[i].length());
                    }
                    cells.add(c);
                }
                line(names, width, out);
                String[] rule = new String[names.length];
                for (int i = 0; i < names.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                line(rule, width, out);
                for (String[] c : cells) {
                    line(c, width, out);
                }
                out.println(tableFooter);
            }
        }
        out.flush();
    }

    private static void line(String[] cells, int[] width, PrintWriter out) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(String.format("%-" + width[i] + "s", cells[i]));
        }
        out.println(sb.toString().stripTrailing());
    }

    private static String cell(Row r, int i) {
        if (r.isNullAt(i)) {
            return "NULL";
        }
        Object v = r.get(i);
        if (v instanceof Double d) {
            double a = Math.abs(d);
            return a != 0 && (a < 1e-3 || a >= 1e9) ? String.format("%.4g", d) : String.format("%.4f", d)
                    .replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return v.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
