package com.infusionoutcomes.alert;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.questionnaire.QuestionnaireScored;

/** DEPRESSION_SEVERE: a PHQ-9 total at or above {@value #SEVERE_TOTAL}, the instrument's SEVERE band. */
@ApplicationScoped
class DepressionSevereRule {

    static final int SEVERE_TOTAL = 20;

    private final AlertService alerts;

    DepressionSevereRule(AlertService alerts) {
        this.alerts = alerts;
    }

    void scored(@Observes @Priority(RuleOrder.DEPRESSION_SEVERE) QuestionnaireScored event) {
        if (event.instrument() != Instrument.PHQ9) {
            return;
        }
        int total = event.score().intValue();
        if (total >= SEVERE_TOTAL) {
            alerts.raise(event.patientId(), AlertRule.DEPRESSION_SEVERE, "QuestionnaireResponse",
                    event.responseId(), "PHQ-9 total " + total + " (SEVERE)");
        }
    }
}
