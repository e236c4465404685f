package org.sresim.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.sresim.workload.Networks;

/**
 * The files a sweep's results depend on beyond its definition: network files (the definition names
 * their paths, not their content) and, as sweeps gain them, data files. Their SHA-256 goes into
 * {@code sweep.json}; a resume with any of them changed is refused, so one folder never mixes two
 * models.
 */
public final class SweepInputs {
    private SweepInputs() {
    }

    /**
     * Input name (as the sweep names it) -> file to hash. The hook for further inputs: a sweep axis
     * that reads files (e.g. a data folder) adds its files here.
     */
    static Map<String, Path> inputsToHash(SweepPlan plan) {
        Map<String, Path> files = new TreeMap<>();
        for (String network : plan.networks().keySet()) {
            if (!Networks.builtinNames().contains(network)) {
                Path p = Path.of(network);
                if (Files.isRegularFile(p)) {
                    files.put("network " + network, p);
                }
            }
        }
        return files;
    }

    /**
     * Input name -> hex SHA-256 of its content: the files of {@link #inputsToHash}, and the model
     * data the sweep reads, whose content hash the plan already pinned ({@code location#sha256=H}).
     */
    public static Map<String, String> hashes(SweepPlan plan) {
        Map<String, String> out = new TreeMap<>();
        inputsToHash(plan).forEach((name, file) -> out.put(name, sha256(file)));
        for (String pinned : plan.dataLocations()) {
            int at = pinned.lastIndexOf("#sha256=");
            if (at >= 0) {
                out.put("data " + pinned.substring(0, at), pinned.substring(at + "#sha256=".length()));
            }
        }
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new SweepException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
