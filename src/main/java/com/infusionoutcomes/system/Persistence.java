package com.infusionoutcomes.system;

import java.sql.SQLException;

/** Database facts shared by H2 and PostgreSQL. */
public final class Persistence {

    private static final String UNIQUE_VIOLATION = "23505";

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
}
