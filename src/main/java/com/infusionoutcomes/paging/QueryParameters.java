package com.infusionoutcomes.paging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.problem.ProblemMappers;

/**
 * Parses query parameters by hand: JAX-RS answers 404 when it cannot convert one, and a client that sent
 * {@code limit=abc} deserves a 400 naming the parameter.
 */
public final class QueryParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private QueryParameters() {
    }

    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("limit", "must be an integer");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** Free text, such as a search term; null when absent. PostgreSQL cannot compare text holding NUL. */
    public static String text(String name, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ProblemException.badParameter(name, ProblemMappers.NUL);
        }
        return value;
    }

    /** An ISO-8601 instant with an offset ({@code 2026-03-01T00:00:00Z}), or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T00:00:00Z");
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter(name, "must be a UUID");
        }
    }

    /** {@code true} or {@code false}; absent is false. Anything else (1, yes) is refused rather than guessed at. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badParameter(name, "must be true or false");
        };
    }

    public static <E extends Enum<E>> E enumeration(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * A parameter that may be repeated ({@code status=OPEN&status=RESOLVED}): the set of its values, empty when it is
     * absent. Each value is checked as {@link #enumeration}; a blank one counts as absent.
     */
    public static <E extends Enum<E>> java.util.Set<E> enumerations(String name, java.util.List<String> values,
            Class<E> type) {
        java.util.Set<E> set = java.util.EnumSet.noneOf(type);
        if (values != null) {
            for (String value : values) {
                E e = enumeration(name, value, type);
                if (e != null) {
                    set.add(e);
                }
            }
        }
        return set;
    }

    /** {@code from} after {@code to} is a well-formed but impossible window. */
    public static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.invalidParameter("from", "must not be after 'to'");
        }
    }
}
