package com.infusionoutcomes.alert;

/** How soon a clinician must look, least urgent first; lists show the most severe first. */
public enum AlertSeverity {
    LOW, HIGH, URGENT
}
