package org.sresim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's local file system sets the permissions Hadoop's own sets, without a chmod process. */
class LocalFilesTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void filesAndFoldersGetTheSamePermissionsAsThroughHadoopsOwnLocalFileSystem() throws Exception {
        Configuration conf = new Configuration();
        Path base = new Path(dir.toUri());
        FileSystem ours = LocalFiles.of(base, conf);
        FileSystem hadoops = base.getFileSystem(conf);
        assertThat(ours).isNotSameAs(hadoops).isInstanceOf(LocalFileSystem.class);
        assertThat(LocalFiles.isLocal(ours)).isTrue();
        assertThat(LocalFiles.isLocal(hadoops)).isFalse();

        for (String who : new String[] {"ours", "hadoops"}) {
            FileSystem fs = who.equals("ours") ? ours : hadoops;
            Path folder = new Path(base, who + "/a/b");
            assertThat(fs.mkdirs(folder)).isTrue();
            try (FSDataOutputStream out = fs.create(new Path(folder, "f.bin"), false)) {
                out.write("x".getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String relative : new String[] {"a", "a/b", "a/b/f.bin", "a/b/.f.bin.crc"}) {
            assertThat(permissions("ours/" + relative)).as(relative).isEqualTo(permissions("hadoops/" + relative));
        }
    }

    @Test
    void explicitPermissionsAreSetBitForBit() throws Exception {
        FileSystem fs = LocalFiles.of(new Path(dir.toUri()), new Configuration());
        Path file = new Path(new Path(dir.toUri()), "g.bin");
        fs.create(file, false).close();
        String[][] cases = {{"640", "rw-r-----"}, {"604", "rw----r--"}, {"751", "rwxr-x--x"}, {"000", "---------"},
                {"777", "rwxrwxrwx"}};
        for (String[] c : cases) {
            String octal = c[0];
            fs.setPermission(file, new FsPermission(octal));
            assertThat(permissions("g.bin")).as(octal).isEqualTo(c[1]);
            assertThat(fs.getFileStatus(file).getPermission()).as(octal).isEqualTo(new FsPermission(octal));
        }
    }

    private String permissions(String relative) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(relative)));
    }
}
