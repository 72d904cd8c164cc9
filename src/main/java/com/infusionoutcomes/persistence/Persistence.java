package com.infusionoutcomes.persistence;

import java.sql.SQLException;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/** Database facts shared by H2 and PostgreSQL. */
public final class Persistence {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final java.util.Set<String> TRANSIENT = java.util.Set.of("40001", "40P01");

    private Persistence() {
    }

    /** A setting in force until closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes an embedded H2 hand out the rows of this transaction's queries as it reads them, instead of
     * computing each whole result first (in the application's own heap, as H2 runs inside it). PostgreSQL
     * already streams a query read with a fetch size inside a transaction; there this does nothing. Closing
     * restores the connection's default before it returns to the pool.
     */
    public static Scope lazyResults(EntityManager em) {
        Session session = em.unwrap(Session.class);
        boolean h2 = session.doReturningWork(c -> c.getMetaData().getDatabaseProductName()).equals("H2");
        if (!h2) {
            return () -> { };
        }
        session.doWork(c -> {
            try (var statement = c.createStatement()) {
                statement.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        });
        return () -> session.doWork(c -> {
            try (var statement = c.createStatement()) {
                statement.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        });
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
