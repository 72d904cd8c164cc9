package com.infusionoutcomes.checkin;

import java.util.List;
import java.util.UUID;

/**
 * New check-ins of one patient were stored: one POST, or the patient's share of an offline batch. Fired in the
 * writing transaction after the rows are flushed and the patient's write lock is held, so observers (the outcome
 * summary, then the alert rules) see the patient's state after the write and decide on it in the same commit.
 *
 * @param checkInIds the stored check-ins, the latest recorded last
 * @param painOrMoodOverTime whether any of them is a longitudinal report of pain or mood, the measures the trend
 *        rules watch
 */
public record CheckInsRecorded(UUID patientId, List<UUID> checkInIds, boolean painOrMoodOverTime) {

    public UUID latestCheckInId() {
        return checkInIds.get(checkInIds.size() - 1);
    }
}
