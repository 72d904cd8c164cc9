package com.infusionoutcomes.alert;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.questionnaire.QuestionnaireScored;

/** SELF_HARM_RISK: a PHQ-9 whose item 9 (thoughts of self-harm) is answered above 0, whatever the total. */
@ApplicationScoped
class SelfHarmRiskRule {

    private final AlertService alerts;

    SelfHarmRiskRule(AlertService alerts) {
        this.alerts = alerts;
    }

    void scored(@Observes @Priority(RuleOrder.SELF_HARM_RISK) QuestionnaireScored event) {
        if (event.instrument() != Instrument.PHQ9) {
            return;
        }
        int item9 = event.answers().get(Instrument.PHQ9_SELF_HARM_ITEM - 1);
        if (item9 > 0) {
            alerts.raise(event.patientId(), AlertRule.SELF_HARM_RISK, "QuestionnaireResponse", event.responseId(),
                    "PHQ-9 item 9 (thoughts of self-harm) answered " + item9 + " of 3");
        }
    }
}
