package com.infusionoutcomes.patient;

import java.util.UUID;

import com.infusionoutcomes.caller.Actor;

/**
 * A patient was enrolled, by {@code enrolledBy}. Fired in the enrolling transaction after the patient is stored,
 * so what follows from an enrolment (the enrolling clinician joins the care team, the patient's figures exist, with
 * no data yet) is done with it or not at all.
 */
public record PatientEnrolled(UUID patientId, Actor enrolledBy) {
}
