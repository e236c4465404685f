package org.sresim.workload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens model files by location, so the same reader serves a local folder ({@link #LOCAL}) and a
 * Hadoop file system on Spark executors (org.sresim.spark.HadoopFiles). Locations are strings:
 * a path or a URI; children are named {@code location + "/" + name}.
 */
public interface FileOpener {
    InputStream open(String location) throws IOException;

    boolean isDirectory(String location) throws IOException;

    boolean exists(String location) throws IOException;

    /** Names of the plain files directly inside a folder. */
    List<String> list(String folder) throws IOException;

    /** The local file system; {@code file:} URIs are accepted too. */
    FileOpener LOCAL = new FileOpener() {
        @Override
        public InputStream open(String location) throws IOException {
            return Files.newInputStream(path(location));
        }

        @Override
        public boolean isDirectory(String location) {
            return Files.isDirectory(path(location));
        }

        @Override
        public boolean exists(String location) {
            return Files.exists(path(location));
        }

        @Override
        public List<String> list(String folder) throws IOException {
            List<String> names = new ArrayList<>();
            try (Stream<Path> files = Files.list(path(folder))) {
                files.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
            }
            return names;
        }

        private Path path(String location) {
            return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        }
    };
}
