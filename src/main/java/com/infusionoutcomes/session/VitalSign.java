package com.infusionoutcomes.session;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * One set of vital signs taken during an infusion; bounds are physiological plausibility limits, so a typo is
 * refused rather than charted.
 */
public record VitalSign(
        @NotNull OffsetDateTime at,
        @Min(50) @Max(300) Integer systolic,
        @Min(20) @Max(200) Integer diastolic,
        @Min(20) @Max(250) Integer heartRate,
        @Min(50) @Max(100) Integer spo2) {

    static VitalSign from(InfusionSession.Vital vital) {
        return new VitalSign(vital.at.atOffset(ZoneOffset.UTC), vital.systolic, vital.diastolic, vital.heartRate,
                vital.spo2);
    }

    InfusionSession.Vital toEntry() {
        InfusionSession.Vital vital = new InfusionSession.Vital();
        vital.at = at.toInstant();
        vital.systolic = systolic;
        vital.diastolic = diastolic;
        vital.heartRate = heartRate;
        vital.spo2 = spo2;
        return vital;
    }
}
