package com.infusionoutcomes.patient;

import java.util.UUID;

/**
 * A patient was enrolled: their figures exist from now on (with no data yet). Fired in the enrolling transaction
 * after the flush, like the other events of a patient's figures.
 */
public record PatientEnrolled(UUID patientId) {
}
