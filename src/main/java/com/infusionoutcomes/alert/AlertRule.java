package com.infusionoutcomes.alert;

/** Why an alert was raised; each rule has one severity. */
public enum AlertRule {
    /** PHQ-9 item 9 (thoughts of self-harm) answered above 0, whatever the total. */
    SELF_HARM_RISK(AlertSeverity.URGENT),
    /** PHQ-9 total of 20 or more. */
    DEPRESSION_SEVERE(AlertSeverity.HIGH),
    /** A side effect of severity SEVERE recorded on an infusion session. */
    SEVERE_SIDE_EFFECT(AlertSeverity.HIGH),
    /** A vital sign with systolic >= 180 or diastolic >= 110 mmHg. */
    BLOOD_PRESSURE(AlertSeverity.HIGH),
    /** The pain or mood trend's category is WORSENED (see docs/clinical-model.md), evaluated after each check-in. */
    WORSENING(AlertSeverity.HIGH),
    /**
     * No check-in for 7 days from a patient with a completed infusion in the last 90 days: found by a scheduled
     * job, not by a write.
     */
    MISSED_CHECK_INS(AlertSeverity.LOW);

    private final AlertSeverity severity;

    AlertRule(AlertSeverity severity) {
        this.severity = severity;
    }

    public AlertSeverity severity() {
        return severity;
    }
}
