package org.sresim.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The file system a sweep writes its output through. For local paths it is Hadoop's local file
 * system with one change: permissions are set through {@code java.nio} instead of a {@code chmod}
 * process. Without Hadoop's native library (the project ships none) every file and folder Hadoop
 * creates locally, and each one's checksum file, costs a process spawn from the JVM (a few
 * milliseconds each, about ten per task: a 15-task quickstart spawned 144 {@code chmod}s).
 * The permissions set are the same; where the file store has no POSIX permissions (Windows)
 * Hadoop's own way is used. Other file systems (HDFS, S3) are Hadoop's, unchanged.
 */
final class LocalFiles {
    private static volatile FileSystem local;

    private LocalFiles() {
    }

    /** The file system of {@code path}: see the class comment. */
    static FileSystem of(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (fs.getClass() != LocalFileSystem.class) {
            return fs; // not local, or a local implementation someone configured: theirs
        }
        FileSystem l = local;
        if (l == null) {
            synchronized (LocalFiles.class) {
                if (local == null) {
                    LocalFileSystem created = new LocalFileSystem(new NioPermissions());
                    created.initialize(fs.getUri(), conf);
                    local = created;
                }
                l = local;
            }
        }
        return l;
    }

    /** True for the file systems {@link #of} makes (their files are plain local files). */
    static boolean isLocal(FileSystem fs) {
        return fs == local;
    }

    /** Hadoop's raw local file system, setting permissions without a process. */
    static final class NioPermissions extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) { // no nio form
                super.setPermission(p, permission);
                return;
            }
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, posix(permission));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }

    /** The read, write and execute bits of user, group and others. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return set;
    }

    private static void add(Set<PosixFilePermission> set, FsAction action, PosixFilePermission read,
                            PosixFilePermission write, PosixFilePermission execute) {
        if (action.implies(FsAction.READ)) {
            set.add(read);
        }
        if (action.implies(FsAction.WRITE)) {
            set.add(write);
        }
        if (action.implies(FsAction.EXECUTE)) {
            set.add(execute);
        }
    }
}
