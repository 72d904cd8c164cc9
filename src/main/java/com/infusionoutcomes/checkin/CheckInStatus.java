package com.infusionoutcomes.checkin;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A check-in's standing, in FHIR's words: {@code final} as reported, {@code amended} after a correction, and
 * {@code entered-in-error} when it should never have been recorded (kept, shown in its history, excluded from
 * every trend and panel).
 */
public enum CheckInStatus {
    FINAL("final"), AMENDED("amended"), ENTERED_IN_ERROR("entered-in-error");

    private final String code;

    CheckInStatus(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** As written in JSON, so a 422 lists the values a client may send. */
    @Override
    public String toString() {
        return code;
    }

    static CheckInStatus of(String code) {
        for (CheckInStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown check-in status");
    }

    /** Stored as written in JSON: the column reads the same in SQL as in the API. */
    @Converter
    public static class Column implements AttributeConverter<CheckInStatus, String> {
        @Override
        public String convertToDatabaseColumn(CheckInStatus status) {
            return status == null ? null : status.code;
        }

        @Override
        public CheckInStatus convertToEntityAttribute(String code) {
            return code == null ? null : of(code);
        }
    }
}
