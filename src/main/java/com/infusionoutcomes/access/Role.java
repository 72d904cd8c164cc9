package com.infusionoutcomes.access;

/** What an account may do; the token carries it as its only group. */
public enum Role {
    PATIENT, CLINICIAN, ADMIN;

    public static final String PATIENT_NAME = "PATIENT";
    public static final String CLINICIAN_NAME = "CLINICIAN";
    public static final String ADMIN_NAME = "ADMIN";
}
