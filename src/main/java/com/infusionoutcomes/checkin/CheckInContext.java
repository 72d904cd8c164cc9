package com.infusionoutcomes.checkin;

/** When the patient reported: right before or after an infusion, or on an ordinary day. */
public enum CheckInContext {
    PRE_INFUSION, POST_INFUSION, DAILY;

    public boolean needsSession() {
        return this != DAILY;
    }
}
