package com.infusionoutcomes.patient;

/** The chronic-pain condition a patient is treated for. */
public enum Condition {
    FIBROMYALGIA, NEUROPATHY, CRPS, MIGRAINE, OTHER
}
