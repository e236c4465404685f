package org.sresim.workload;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reader for NumPy {@code .npz} archives ({@code np.savez}: stored, {@code np.savez_compressed}:
 * deflated): a zip of {@code <name>.npy} entries, read in one pass with {@code java.util.zip} so
 * that any stream (a local file, a Hadoop file) serves.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * The arrays whose names (entry name without {@code .npy}) {@code wanted} accepts, in archive
     * order; other entries are skipped unread. {@code name} starts every error message.
     */
    public static Map<String, Npy.NpyArray> read(InputStream in, String name, Predicate<String> wanted) {
        Map<String, Npy.NpyArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            boolean any = false;
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                any = true;
                String entry = e.getName();
                if (e.isDirectory() || !entry.endsWith(".npy")) {
                    continue;
                }
                String array = entry.substring(0, entry.length() - 4);
                if (!wanted.test(array)) {
                    continue;
                }
                if (arrays.put(array, Npy.read(zip, name + ":" + entry)) != null) {
                    throw new WorkloadException(name + ": entry '" + entry + "' appears twice");
                }
            }
            if (!any) {
                throw new WorkloadException(name + ": not an .npz archive (no zip entries)");
            }
        } catch (IOException e) {
            throw new WorkloadException(name + ": cannot read the archive (" + e.getMessage() + ")");
        }
        return arrays;
    }
}
