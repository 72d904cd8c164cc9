package com.infusionoutcomes.checkin;

import java.util.UUID;

/**
 * A stored check-in was corrected or entered in error; fired as {@link CheckInsRecorded} is.
 *
 * @param painOrMoodOverTime whether the check-in, before or after the correction, is a longitudinal report of pain
 *        or mood
 * @param before the check-in as it was stored before the correction
 * @param after the check-in as it is stored now ({@code status} ENTERED_IN_ERROR when withdrawn)
 */
public record CheckInCorrected(UUID patientId, UUID checkInId, boolean painOrMoodOverTime, CheckInCorrection before,
        CheckInCorrection after) {
}
