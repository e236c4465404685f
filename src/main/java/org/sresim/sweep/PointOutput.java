package org.sresim.sweep;

import java.io.Serializable;
import java.util.List;

/** The rows one grid point contributes to the points and layers tables. */
public record PointOutput(List<Object[]> points, List<Object[]> layers) implements Serializable {
}
