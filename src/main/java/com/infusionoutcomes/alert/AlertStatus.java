package com.infusionoutcomes.alert;

/** OPEN when raised; a clinician ACKNOWLEDGES it (is on it) and RESOLVES it (with a note). */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
