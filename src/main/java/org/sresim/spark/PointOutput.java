package org.sresim.spark;

import java.io.Serializable;
import java.util.List;

/** The rows one grid point contributes to the points and layers tables. */
record PointOutput(List<Object[]> points, List<Object[]> layers) implements Serializable {
}
