package com.infusionoutcomes.questionnaire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.checkin.CheckInContext;

@Schema(name = "QuestionnaireResponse")
public record QuestionnaireResponseView(UUID id, UUID patientId, UUID sessionId, Instrument instrument,
        CheckInContext context, List<Integer> answers, BigDecimal score, SeverityBand band, Boolean positiveScreen,
        Instant recordedAt, Instant createdAt) {

    static QuestionnaireResponseView from(QuestionnaireResponse r) {
        // Sums are whole numbers, the PEG mean has 2 decimals: the same on create and on every later read.
        BigDecimal score = r.score.setScale(r.instrument.scoreDecimals(), java.math.RoundingMode.HALF_UP);
        return new QuestionnaireResponseView(r.id, r.patientId, r.sessionId, r.instrument, r.context,
                r.answerList(), score, r.band, r.positiveScreen, r.recordedAt, r.createdAt);
    }
}
