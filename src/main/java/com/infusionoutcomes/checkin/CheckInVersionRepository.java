package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

/**
 * The superseded versions of check-ins (table check_in_version): written once when a correction replaces a
 * version, never changed. The current version stays in check_in, so recording a check-in is still one row.
 */
@ApplicationScoped
class CheckInVersionRepository {

    private static final String COLUMNS = "version, status, context, session_id, recorded_at, pain, sleep, mobility,"
            + " mood, note, changed_at, changed_by, changed_by_role";

    private final EntityManager em;

    CheckInVersionRepository(EntityManager em) {
        this.em = em;
    }

    /** Copies the check-in's current row into its history; call it before changing the row. */
    void archive(UUID checkInId) {
        em.createNativeQuery("insert into check_in_version (check_in_id, " + COLUMNS + ") select id, " + COLUMNS
                + " from check_in where id = ?1").setParameter(1, checkInId).executeUpdate();
    }

    /** The role of whoever reported the check-in first (version 1), for one that was corrected since. */
    String reportedByRole(UUID checkInId) {
        List<?> roles = em.createNativeQuery("select changed_by_role from check_in_version"
                + " where check_in_id = ?1 and version = 1").setParameter(1, checkInId).getResultList();
        return roles.isEmpty() ? null : (String) roles.get(0);
    }

    /** The superseded versions, oldest first. */
    List<CheckInVersion> superseded(UUID checkInId) {
        List<CheckInVersion> versions = new ArrayList<>();
        for (Object row : typed(em.createNativeQuery("select " + COLUMNS + " from check_in_version"
                + " where check_in_id = ?1 order by version"), false).setParameter(1, checkInId).getResultList()) {
            versions.add(version((Object[]) row));
        }
        return versions;
    }

    /**
     * The first version of each of these check-ins that was corrected since (one query): what a client that
     * retries its original report sends.
     */
    Map<UUID, CheckIn> originals(Collection<CheckIn> checkIns) {
        Map<UUID, CheckIn> originals = new HashMap<>();
        List<UUID> amended = checkIns.stream().filter(c -> c.version > 1).map(c -> c.id).toList();
        if (amended.isEmpty()) {
            return originals;
        }
        Map<UUID, UUID> patientOf = new HashMap<>();
        checkIns.forEach(c -> patientOf.put(c.id, c.patientId));
        for (Object result : typed(em.createNativeQuery("select check_in_id, " + COLUMNS + " from check_in_version"
                + " where version = 1 and check_in_id in (?1)"), true).setParameter(1, amended).getResultList()) {
            Object[] row = (Object[]) result;
            UUID id = (UUID) row[0];
            CheckInVersion v = version(Arrays.copyOfRange(row, 1, row.length));
            CheckIn original = new CheckIn();
            original.id = id;
            original.patientId = patientOf.get(id);
            original.context = v.context();
            original.sessionId = v.sessionId();
            original.recordedAt = v.recordedAt();
            original.pain = v.scores().pain();
            original.sleep = v.scores().sleep();
            original.mobility = v.scores().mobility();
            original.mood = v.scores().mood();
            original.note = v.note();
            originals.put(id, original);
        }
        return originals;
    }

    /** True when the check-in was corrected and its first version is the candidate's report. */
    boolean originalIsSameReportAs(CheckIn stored, CheckIn candidate) {
        CheckIn original = originals(List.of(stored)).get(stored.id);
        return original != null && original.sameReportAs(candidate);
    }

    /** Names each column's Java type: drivers disagree on how a native uuid or timestamp column reads. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static NativeQuery typed(Query query, boolean withId) {
        NativeQuery q = query.unwrap(NativeQuery.class);
        if (withId) {
            q.addScalar("check_in_id", UUID.class);
        }
        return q.addScalar("version", Long.class).addScalar("status", String.class).addScalar("context", String.class)
                .addScalar("session_id", UUID.class).addScalar("recorded_at", Instant.class)
                .addScalar("pain", Integer.class).addScalar("sleep", Integer.class)
                .addScalar("mobility", Integer.class).addScalar("mood", Integer.class)
                .addScalar("note", String.class).addScalar("changed_at", Instant.class)
                .addScalar("changed_by", UUID.class).addScalar("changed_by_role", String.class);
    }

    private static CheckInVersion version(Object[] r) {
        return new CheckInVersion((Long) r[0], CheckInStatus.of((String) r[1]),
                CheckInContext.valueOf((String) r[2]), (UUID) r[3], (Instant) r[4],
                new Scores((Integer) r[5], (Integer) r[6], (Integer) r[7], (Integer) r[8]), (String) r[9],
                (Instant) r[10], (UUID) r[11], (String) r[12]);
    }
}
