package org.sresim.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sresim.sweep.ResultColumn;

/** The one place result columns become a Spark schema (explicit StructType: records do not bind as beans). */
final class SparkSchemas {
    private SparkSchemas() {
    }

    static StructType of(List<ResultColumn> columns) {
        List<StructField> fields = new ArrayList<>();
        for (ResultColumn c : columns) {
            Metadata meta = new MetadataBuilder().putString("unit", c.unit()).build();
            fields.add(DataTypes.createStructField(c.name(), type(c), true, meta));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(ResultColumn c) {
        return switch (c.type()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }
}
