package com.infusionoutcomes.audit;

/** SUCCESS, or why the attempt failed: refused by role or identity, unknown or not visible, invalid, or broken. */
public enum AuditOutcome {
    SUCCESS, DENIED, NOT_FOUND, REJECTED, ERROR
}
