package com.infusionoutcomes.alert;

/** An alert was raised, or a repeat trigger was counted on the unresolved one ({@code repeat}). */
record AlertRaised(AlertRule rule, boolean repeat) {
}
