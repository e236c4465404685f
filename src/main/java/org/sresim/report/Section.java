package org.sresim.report;

import java.util.List;

/**
 * One section of the report. A section asks its questions through {@link ReportContext#sql()}
 * (every number it shows must be an SQL aggregate of the views) and returns its content as parts:
 * usually one, several when it repeats (e.g. one per varied axis), none when it does not apply
 * to the sweep (e.g. ADC clipping against OU size when the OU size does not vary).
 *
 * <p>Sections are listed in {@link Report#sections(String)}: generic ones run for every sweep;
 * a section for one sweep only is registered by sweep name in {@link Report#SWEEP_SPECIFIC}.
 */
@FunctionalInterface
public interface Section {
    List<Part> build(ReportContext context);
}
