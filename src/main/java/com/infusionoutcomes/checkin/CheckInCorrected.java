package com.infusionoutcomes.checkin;

import java.util.UUID;

/**
 * A stored check-in was corrected or entered in error; fired as {@link CheckInsRecorded} is.
 *
 * @param painOrMoodOverTime whether the check-in, before or after the correction, is a longitudinal report of pain
 *        or mood
 */
public record CheckInCorrected(UUID patientId, UUID checkInId, boolean painOrMoodOverTime) {
}
