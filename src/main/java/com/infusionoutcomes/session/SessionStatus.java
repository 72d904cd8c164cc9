package com.infusionoutcomes.session;

public enum SessionStatus {
    SCHEDULED, COMPLETED, CANCELLED
}
