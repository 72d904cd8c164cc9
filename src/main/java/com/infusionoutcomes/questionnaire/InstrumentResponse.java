package com.infusionoutcomes.questionnaire;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Instrument")
public record InstrumentResponse(Instrument code, String title, String loincPanel, String loincScore,
        String recallPeriod, String stem, List<InstrumentItem> items, ScoringRule scoring, int scoreMin,
        int scoreMax, List<BandRange> bands, Integer positiveScreenAt) {
}
