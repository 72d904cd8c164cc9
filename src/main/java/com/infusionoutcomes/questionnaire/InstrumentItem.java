package com.infusionoutcomes.questionnaire;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One question, numbered from 1 in the order answers are given. */
@Schema(name = "InstrumentItem")
public record InstrumentItem(int number, String text, String loinc, List<ResponseOption> options) {
}
