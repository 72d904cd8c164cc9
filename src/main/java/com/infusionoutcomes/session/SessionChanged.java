package com.infusionoutcomes.session;

import java.util.UUID;

/**
 * An infusion session was recorded or changed (scheduled, started, completed, cancelled, vitals or side effects
 * added). Fired in the writing transaction after the flush, with the patient's write lock held: a completed
 * infusion moves baselines and the booster forecast, a scheduled one covers it, and vitals or side effects may be
 * alarming.
 *
 * @param before the session as it was, null for a new one
 * @param after the session as it is now
 */
public record SessionChanged(UUID patientId, UUID sessionId, SessionRequest before, SessionRequest after) {
}
