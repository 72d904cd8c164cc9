package com.infusionoutcomes.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The position after the last row of a page: the sort key and the id that breaks its ties.
 * Encoded as base64url so clients treat it as opaque.
 */
public record Cursor(String key, UUID id) {

    public static Cursor after(Instant key, UUID id) {
        return new Cursor(key.toString(), id);
    }

    public static Cursor after(String key, UUID id) {
        return new Cursor(key, id);
    }

    public String encode() {
        String raw = id + "|" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for an absent cursor; a 400 problem for one this service did not issue. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("a forged cursor"); // its key is compared in the database
            }
            int bar = raw.indexOf('|');
            return new Cursor(raw.substring(bar + 1), UUID.fromString(raw.substring(0, bar)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
    }

    public Instant instantKey() {
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
    }
}
