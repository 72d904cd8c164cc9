package com.infusionoutcomes.checkin;

import java.util.List;
import java.util.UUID;

/**
 * New check-ins of one patient were stored: one POST, or the patient's share of an offline batch. Fired in the
 * writing transaction after the rows are flushed and the patient's write lock is held, so observers (the outcome
 * summary, then the alert rules) see the patient's state after the write and decide on it in the same commit.
 *
 * @param checkIns the stored check-ins, the latest recorded last (a batch's rows are written by one statement, not
 *        through the persistence context, so observers take their values from here rather than looking them up)
 * @param painOrMoodOverTime whether any of them is a longitudinal report of pain or mood, the measures the trend
 *        rules watch
 */
public record CheckInsRecorded(UUID patientId, List<CheckIn> checkIns, boolean painOrMoodOverTime) {

    public CheckInsRecorded {
        checkIns = List.copyOf(checkIns);
    }

    public CheckIn latest() {
        return checkIns.get(checkIns.size() - 1);
    }

    public UUID latestCheckInId() {
        return latest().id;
    }
}
