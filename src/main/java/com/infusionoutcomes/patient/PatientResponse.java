package com.infusionoutcomes.patient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Patient")
public record PatientResponse(UUID id, String externalId, String displayName, Integer birthYear,
        List<Condition> conditions, String timezone, Instant enrolledAt) {

    public static PatientResponse from(Patient patient) {
        return new PatientResponse(patient.id, patient.externalId, patient.displayName, patient.birthYear,
                List.copyOf(patient.conditions), patient.timezone, patient.enrolledAt);
    }
}
