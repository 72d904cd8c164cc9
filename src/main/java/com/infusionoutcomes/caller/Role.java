package com.infusionoutcomes.caller;

/**
 * What an account may do; the token carries it as its only group. A RESEARCHER sees no identified data at all:
 * only the de-identified research export (and the instrument catalogue, which is about no one).
 */
public enum Role {
    PATIENT, CLINICIAN, ADMIN, RESEARCHER;

    public static final String PATIENT_NAME = "PATIENT";
    public static final String CLINICIAN_NAME = "CLINICIAN";
    public static final String ADMIN_NAME = "ADMIN";
    public static final String RESEARCHER_NAME = "RESEARCHER";
}
