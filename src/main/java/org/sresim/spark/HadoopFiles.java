package org.sresim.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sresim.workload.FileOpener;

/**
 * Model files through Hadoop's FileSystem ({@code file:}, {@code hdfs:}, {@code s3a:}, or a bare
 * path on the default file system), so executors read a model without a shared local disk. The
 * configuration is Hadoop's default one (core-site.xml on the class path), built where it is used:
 * instances travel to executors as nothing but the class.
 */
public final class HadoopFiles implements FileOpener, java.io.Serializable {
    private transient Configuration conf;

    private Configuration conf() {
        if (conf == null) {
            conf = new Configuration();
        }
        return conf;
    }

    @Override
    public InputStream open(String location) throws IOException {
        Path p = new Path(location);
        return p.getFileSystem(conf()).open(p);
    }

    @Override
    public boolean isDirectory(String location) throws IOException {
        Path p = new Path(location);
        try {
            return p.getFileSystem(conf()).getFileStatus(p).isDirectory();
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean exists(String location) throws IOException {
        Path p = new Path(location);
        return p.getFileSystem(conf()).exists(p);
    }

    @Override
    public List<String> list(String folder) throws IOException {
        Path p = new Path(folder);
        List<String> names = new ArrayList<>();
        for (FileStatus s : p.getFileSystem(conf()).listStatus(p)) {
            if (s.isFile()) {
                names.add(s.getPath().getName());
            }
        }
        return names;
    }
}
