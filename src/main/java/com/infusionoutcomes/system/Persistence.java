package com.infusionoutcomes.system;

import java.sql.SQLException;

/** Database facts shared by H2 and PostgreSQL. */
public final class Persistence {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final java.util.Set<String> TRANSIENT = java.util.Set.of("40001", "40P01");

    private Persistence() {
    }

    /** True when a unique or primary key constraint refused the write (SQLSTATE 23505 on both databases). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when running the same transaction again may succeed: a unique key taken by a concurrent insert, a
     * deadlock or a serialization failure (SQLSTATE 23505, 40P01, 40001).
     */
    public static boolean isWorthRetrying(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (UNIQUE_VIOLATION.equals(sql.getSQLState())
                    || TRANSIENT.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
