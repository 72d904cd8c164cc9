package com.infusionoutcomes.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Commits the audit events of reads in groups. A read writes nothing but its audit row, and one commit per read
 * capped reads at the database's commit rate (on H2 every commit writes the file); the rows of reads that arrive
 * together now share one commit.
 *
 * <p>
 * A read's event is held by its transaction and written just before that transaction commits, and the commit
 * waits until the event is durable: a read is answered only after its audit row is committed, and when the row
 * cannot be written the read's transaction rolls back and the request fails, as it did when the row was in the
 * read's own transaction. A read that fails after it was audited leaves no row of success.
 *
 * <p>
 * Leader and followers, no timer: the first read to find no group being written writes its own row at once, as
 * a write would commit; reads that arrive meanwhile wait and go together in the next group, written by the first
 * of them as soon as the current one is committed. So no read waits longer than the commit in progress plus its
 * own, which is what a write waits for behind another on the same database.
 *
 * <p>
 * The groups are written on a connection of their own, outside the pool: readers hold pooled connections while
 * they wait, and must not starve the writer of one.
 */
@ApplicationScoped
class AuditGroupCommit {

    /** Rows per commit at most; more wait for the next group. */
    static final int MAX_GROUP = 512;

    private static final String INSERT_EVENT = "insert into audit_event (id, at, actor_id, actor_role, action,"
            + " resource_type, resource_id, patient_id, outcome, request_id, source_ip, detail)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PATIENT = "insert into audit_event_patient (patient_id, at, event_id)"
            + " values (?, ?, ?)";
    private static final Object HELD = new Object();

    private final TransactionSynchronizationRegistry transactions;
    private final String url;
    private final String username;
    private final Optional<String> password;

    private final Object lock = new Object();
    /** Guarded by lock: events waiting for the next group, and whether a group is being written. */
    private List<Pending> queue = new ArrayList<>();
    private boolean writing;

    /** Used by the leader only, one at a time. */
    private Connection connection;

    AuditGroupCommit(TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.transactions = transactions;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** An event and the patients it names, waiting for its group; {@code rolledBack} runs if its read fails. */
    record Pending(AuditEvent event, List<UUID> patientIds, Runnable rolledBack, Outcome outcome) {
    }

    /** Set once, under the lock, when the pending event's group is committed or failed. */
    static final class Outcome {
        boolean done;
        RuntimeException failure;
    }

    /**
     * Holds the event until the current transaction is about to commit, then writes it in a group and lets the
     * commit go on once it is durable; {@code rolledBack} runs when the transaction does not commit after all
     * (the event then is not written, or its failure is what rolled it back). False when there is no active
     * transaction to hold it.
     */
    boolean holdUntilCommit(AuditEvent event, Collection<UUID> patientIds, Runnable rolledBack) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Pending> held = (List<Pending>) transactions.getResource(HELD);
        if (held == null) {
            List<Pending> events = new ArrayList<>(1);
            transactions.putResource(HELD, events);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // Only a transaction that is about to commit gets here: a rolled-back read is not audited
                    // as a success. Throwing rolls the read back.
                    commit(events);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        events.forEach(p -> p.rolledBack().run());
                    }
                }
            });
            held = events;
        }
        held.add(new Pending(event, List.copyOf(patientIds), rolledBack, new Outcome()));
        return true;
    }

    /** Writes these events with whatever else is waiting; returns once they are committed, or throws. */
    void commit(List<Pending> events) {
        synchronized (lock) {
            queue.addAll(events);
        }
        while (true) {
            List<Pending> group;
            synchronized (lock) {
                while (writing && !allDone(events)) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while the audit trail was being written", e);
                    }
                }
                if (allDone(events)) {
                    break;
                }
                // This thread leads: it writes what is waiting (up to a group's size), its own events first in line
                // or already behind others that came before them.
                writing = true;
                if (queue.size() <= MAX_GROUP) {
                    group = queue;
                    queue = new ArrayList<>();
                } else {
                    group = new ArrayList<>(queue.subList(0, MAX_GROUP));
                    queue = new ArrayList<>(queue.subList(MAX_GROUP, queue.size()));
                }
            }
            RuntimeException failure = null;
            try {
                write(group);
            } catch (SQLException | RuntimeException e) {
                failure = new IllegalStateException("The audit trail could not be written", e);
            }
            synchronized (lock) {
                for (Pending p : group) {
                    p.outcome().done = true;
                    p.outcome().failure = failure;
                }
                writing = false;
                lock.notifyAll();
            }
        }
        throwIfFailed(events);
    }

    private static boolean allDone(List<Pending> events) {
        for (Pending p : events) {
            if (!p.outcome().done) {
                return false;
            }
        }
        return true;
    }

    private static void throwIfFailed(List<Pending> events) {
        for (Pending p : events) {
            if (p.outcome().failure != null) {
                throw p.outcome().failure;
            }
        }
    }

    /** One transaction, two JDBC batches; a connection that failed is replaced, and the group tried once more. */
    private void write(List<Pending> group) throws SQLException {
        try {
            insert(connection(), group);
        } catch (SQLException first) {
            close();
            try {
                insert(connection(), group);
            } catch (SQLException second) {
                close();
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, username, password.orElse(""));
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private static void insert(Connection c, List<Pending> group) throws SQLException {
        try (PreparedStatement events = c.prepareStatement(INSERT_EVENT);
                PreparedStatement patients = c.prepareStatement(INSERT_PATIENT)) {
            int patientRows = 0;
            for (Pending p : group) {
                AuditEvent e = p.event();
                OffsetDateTime at = OffsetDateTime.ofInstant(e.at, ZoneOffset.UTC);
                events.setObject(1, e.id);
                events.setObject(2, at);
                setUuid(events, 3, e.actorId);
                events.setString(4, e.actorRole);
                events.setString(5, e.action.name());
                events.setString(6, e.resourceType);
                events.setString(7, e.resourceId);
                setUuid(events, 8, e.patientId);
                events.setString(9, e.outcome.name());
                events.setString(10, e.requestId);
                events.setString(11, e.sourceIp);
                events.setString(12, e.detail);
                events.addBatch();
                for (UUID patientId : p.patientIds()) {
                    patients.setObject(1, patientId);
                    patients.setObject(2, at);
                    patients.setObject(3, e.id);
                    patients.addBatch();
                    patientRows++;
                }
            }
            events.executeBatch();
            if (patientRows > 0) {
                patients.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }

    private static void setUuid(PreparedStatement s, int index, UUID value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.OTHER);
        } else {
            s.setObject(index, value);
        }
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection: nothing left to do.
            }
            connection = null;
        }
    }
}
