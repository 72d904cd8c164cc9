package com.infusionoutcomes.questionnaire;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A severity band and the totals (inclusive) that fall in it. */
@Schema(name = "InstrumentBand")
public record BandRange(SeverityBand band, int min, int max) {
}
