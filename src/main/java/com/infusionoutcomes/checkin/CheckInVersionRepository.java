package com.infusionoutcomes.checkin;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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

    /** The superseded versions, oldest first. */
    List<CheckInVersion> superseded(UUID checkInId) {
        List<CheckInVersion> versions = new ArrayList<>();
        for (Object row : em.createNativeQuery("select " + COLUMNS + " from check_in_version where check_in_id = ?1"
                + " order by version").setParameter(1, checkInId).getResultList()) {
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
        for (Object result : em.createNativeQuery("select check_in_id, " + COLUMNS + " from check_in_version"
                + " where version = 1 and check_in_id in (?1)").setParameter(1, amended).getResultList()) {
            Object[] row = (Object[]) result;
            UUID id = (UUID) row[0];
            CheckInVersion v = version(java.util.Arrays.copyOfRange(row, 1, row.length));
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

    private static CheckInVersion version(Object[] r) {
        return new CheckInVersion(((Number) r[0]).longValue(), CheckInStatus.of((String) r[1]),
                CheckInContext.valueOf((String) r[2]), (UUID) r[3], instant(r[4]),
                new Scores(integer(r[5]), integer(r[6]), integer(r[7]), integer(r[8])), (String) r[9], instant(r[10]),
                (UUID) r[11], (String) r[12]);
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /** Drivers answer timestamp with time zone as OffsetDateTime, Instant or Timestamp depending on version. */
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
