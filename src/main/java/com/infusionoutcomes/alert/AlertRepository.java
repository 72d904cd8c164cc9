package com.infusionoutcomes.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.infusionoutcomes.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    /** The transaction's resource holding one patient's unresolved alerts. */
    private record Unresolved(UUID patientId) {
    }

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * The patient's unresolved alert of the rule. Every rule that runs after a write looks for its own, so the
     * patient's unresolved alerts are read once per transaction and the rules share them (the write holds the
     * patient's lock, under which alone alerts are raised).
     */
    public Optional<Alert> findUnresolved(UUID patientId, AlertRule rule) {
        return unresolvedInTransaction(patientId).stream().filter(a -> a.rule == rule && a.openKey != null)
                .findFirst();
    }

    /** Stores a newly raised alert, which the transaction's later {@link #findUnresolved} then finds. */
    void persistUnresolved(Alert alert) {
        @SuppressWarnings("unchecked")
        List<Alert> read = (List<Alert>) transactions.getResource(new Unresolved(alert.patientId));
        persistAndFlush(alert);
        if (read != null) {
            read.add(alert);
        }
    }

    private List<Alert> unresolvedInTransaction(UUID patientId) {
        Unresolved key = new Unresolved(patientId);
        @SuppressWarnings("unchecked")
        List<Alert> read = (List<Alert>) transactions.getResource(key);
        // A cleared persistence context would leave changes to these unsaved: read them again.
        if (read == null || !read.stream().allMatch(getEntityManager()::contains)) {
            read = new ArrayList<>(find("patientId = ?1 and openKey is not null", patientId).list());
            transactions.putResource(key, read);
        }
        return read;
    }

    /** The patient's unresolved (OPEN or ACKNOWLEDGED) alerts, in the order of {@link #list}. */
    public List<Alert> unresolvedOf(UUID patientId) {
        return find("patientId = ?1 and openKey is not null order by severityRank desc, raisedAt asc, id asc",
                patientId).list();
    }

    /** Every alert of the patient: unresolved as {@link #unresolvedOf}, then the resolved, latest resolved first. */
    public List<Alert> historyOf(UUID patientId) {
        List<Alert> all = new java.util.ArrayList<>(unresolvedOf(patientId));
        all.addAll(find("patientId = ?1 and openKey is null order by resolvedAt desc, id asc", patientId).list());
        return all;
    }

    /** Whether the rule ever raised an alert for the patient from this source, resolved or not. */
    public boolean raisedFor(UUID patientId, AlertRule rule, UUID sourceId) {
        return count("patientId = ?1 and rule = ?2 and sourceId = ?3", patientId, rule, sourceId) > 0;
    }

    /** Unresolved (OPEN or ACKNOWLEDGED) alerts per patient of the clinician's care team; absent means none. */
    public java.util.Map<UUID, Integer> unresolvedCountsOfCaseload(UUID clinician) {
        List<Object[]> rows = getEntityManager().createQuery("select a.patientId, count(a) from Alert a"
                + " where a.openKey is not null and a.patientId in"
                + " (select m.patientId from CareTeamMember m where m.userId = :clinician) group by a.patientId",
                Object[].class).setParameter("clinician", clinician).getResultList();
        java.util.Map<UUID, Integer> counts = new java.util.HashMap<>();
        rows.forEach(r -> counts.put((UUID) r[0], ((Number) r[1]).intValue()));
        return counts;
    }

    /**
     * Most severe first, then oldest first. {@code clinician} limits to the patients on that clinician's care
     * team; {@code patientId} to one patient. Without a {@code status} only the unresolved (OPEN and ACKNOWLEDGED)
     * are listed: a resolved alert is history, listed when asked for by status. When the states asked for mix
     * unresolved and RESOLVED, the unresolved come first, each part in that order.
     */
    public List<Alert> list(UUID clinician, UUID patientId, Set<AlertStatus> status, AlertSeverity severity,
            AlertRule rule, AlertCursor after, int rows) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (clinician != null) {
            where.append(" and patientId in (select m.patientId from CareTeamMember m where m.userId = :clinician)");
            params.and("clinician", clinician);
        }
        if (patientId != null) {
            where.append(" and patientId = :patient");
            params.and("patient", patientId);
        }
        if (status.isEmpty()) {
            where.append(" and openKey is not null");
        } else if (status.size() == 1) {
            where.append(" and status = :status");
            params.and("status", status.iterator().next());
        } else {
            where.append(" and status in :status");
            params.and("status", status);
        }
        if (severity != null) {
            where.append(" and severity = :severity");
            params.and("severity", severity);
        }
        if (rule != null) {
            where.append(" and rule = :rule");
            params.and("rule", rule);
        }
        // Only a list mixing both sorts by resolved-ness: the other lists keep an order an index can serve.
        boolean mixed = mixesResolved(status);
        String order = " order by severityRank desc, raisedAt asc, id asc";
        if (after != null) {
            String position = "(severityRank < :rank or (severityRank = :rank and (raisedAt > :at"
                    + " or (raisedAt = :at and id > :id))))";
            if (mixed) {
                position = "(" + RESOLVED_RANK + " > :resolved or (" + RESOLVED_RANK + " = :resolved and " + position
                        + "))";
                params.and("resolved", after.resolved() ? 1 : 0);
            }
            where.append(" and ").append(position);
            params.and("rank", after.rank()).and("at", after.raisedAt()).and("id", after.id());
        }
        if (mixed) {
            order = " order by " + RESOLVED_RANK + " asc, severityRank desc, raisedAt asc, id asc";
        }
        return find(where + order, params).page(0, rows).list();
    }

    /** 0 for an unresolved alert, 1 for a resolved one. */
    private static final String RESOLVED_RANK = "(case when openKey is null then 1 else 0 end)";

    private static boolean mixesResolved(Set<AlertStatus> status) {
        return status.contains(AlertStatus.RESOLVED) && status.size() > 1;
    }

    /** Keyset position in the alert order. */
    record AlertCursor(boolean resolved, int rank, java.time.Instant raisedAt, UUID id) {

        static AlertCursor of(Alert a) {
            return new AlertCursor(a.openKey == null, a.severityRank, a.raisedAt, a.id);
        }

        Cursor encode() {
            return Cursor.after((resolved ? 1 : 0) + "~" + rank + "~" + raisedAt, id);
        }

        static AlertCursor decode(String text) {
            Cursor c = Cursor.decode(text);
            if (c == null) {
                return null;
            }
            String[] parts = c.key().split("~", -1);
            try {
                // A cursor issued before resolved-ness was part of the order has two parts, and was issued by a
                // list of one kind only, where resolved-ness is not compared.
                int first = parts.length == 3 ? 1 : 0;
                return new AlertCursor(parts.length == 3 && "1".equals(parts[0]), Integer.parseInt(parts[first]),
                        Cursor.after(parts[first + 1], c.id()).instantKey(), c.id());
            } catch (RuntimeException e) {
                throw com.infusionoutcomes.problem.ProblemException.badParameter("cursor",
                        "not a cursor issued by this API");
            }
        }
    }
}
