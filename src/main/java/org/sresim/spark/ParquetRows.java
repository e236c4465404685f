package org.sresim.spark;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
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

    ParquetRows(List<ResultColumn> columns, Path file, Configuration conf) throws IOException {
        this.columns = columns;
        this.skipped = indexOf(columns, "network");
        MessageType schema = schema(columns, skipped);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf)).withConf(conf)
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

    static int indexOf(List<ResultColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}
