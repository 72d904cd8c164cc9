package com.infusionoutcomes.session;

public enum Severity {
    MILD, MODERATE, SEVERE
}
