package com.infusionoutcomes.questionnaire;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A questionnaire response was stored and scored. Fired in the writing transaction after the flush, with the
 * patient's write lock held.
 *
 * @param answers the item answers in item order
 */
public record QuestionnaireScored(UUID patientId, UUID responseId, Instrument instrument, List<Integer> answers,
        BigDecimal score) {
}
