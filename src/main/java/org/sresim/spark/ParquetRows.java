package org.sresim.spark;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.sresim.sweep.ResultColumn;

/**
 * Streams rows of one table and one network into one Parquet file from inside a task: each row is
 * encoded as it arrives, so a task holds no list of rows. The file has every column of the table
 * but {@code network}, which (as with Spark's {@code partitionBy}) is the folder name
 * {@code network=X}; Spark reads it back with the table's {@code StructType}, DuckDB with
 * {@code hive_partitioning}. NULL is an absent optional value.
 */
final class ParquetRows implements AutoCloseable {
    private final List<ResultColumn> columns;
    private final int skipped;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    /** Writes {@code file} through {@code fs} ({@link LocalFiles#of}: local files without a chmod process). */
    ParquetRows(List<ResultColumn> columns, FileSystem fs, Path file, Configuration conf) throws IOException {
        this.columns = columns;
        this.skipped = indexOf(columns, "network");
        MessageType schema = schema(columns, skipped);
        this.groups = new SimpleGroupFactory(schema);
        OutputFile out = LocalFiles.isLocal(fs) ? new LocalOutput(fs, file) : HadoopOutputFile.fromPath(file, conf);
        this.writer = ExampleParquetWriter.builder(out).withConf(conf)
                .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
    }

    static MessageType schema(List<ResultColumn> columns, int skipped) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int i = 0; i < columns.size(); i++) {
            if (i == skipped) {
                continue;
            }
            ResultColumn c = columns.get(i);
            switch (c.type()) {
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
                case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            }
        }
        return b.named("spark_schema");
    }

    void write(Object[] row) throws IOException {
        Group g = groups.newGroup();
        int field = 0;
        for (int i = 0; i < row.length; i++) {
            if (i == skipped) {
                continue;
            }
            Object v = row[i];
            if (v != null) {
                switch (columns.get(i).type()) {
                    case STRING -> g.add(field, v.toString());
                    case INT -> g.add(field, ((Number) v).intValue());
                    case LONG -> g.add(field, ((Number) v).longValue());
                    case DOUBLE -> g.add(field, ((Number) v).doubleValue());
                    case BOOLEAN -> g.add(field, (Boolean) v);
                }
            }
            field++;
        }
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /**
     * A local file created through the given file system. Parquet's {@code HadoopOutputFile} would
     * ask the path for its file system, Hadoop's own, which spawns a chmod per file.
     */
    private record LocalOutput(FileSystem fs, Path file) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(file, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(file, true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return file.toString();
        }
    }

    static int indexOf(List<ResultColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}
