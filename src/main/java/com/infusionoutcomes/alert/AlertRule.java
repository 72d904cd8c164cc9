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
    BLOOD_PRESSURE(AlertSeverity.HIGH);

    private final AlertSeverity severity;

    AlertRule(AlertSeverity severity) {
        this.severity = severity;
    }

    public AlertSeverity severity() {
        return severity;
    }
}
