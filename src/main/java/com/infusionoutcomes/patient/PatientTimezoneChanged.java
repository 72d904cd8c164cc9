package com.infusionoutcomes.patient;

import java.util.UUID;

/**
 * A patient's timezone changed: the local days their check-ins fall on, and so their daily figures and the date a
 * booster is due, may change. Fired in the writing transaction after the flush, with the patient's write lock held.
 */
public record PatientTimezoneChanged(UUID patientId) {
}
