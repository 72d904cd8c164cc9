package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.CheckInStatus;
import com.infusionoutcomes.checkin.Scores;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.session.SessionStatus;

/**
 * The set-based reads behind trends. A trend needs a patient's whole course up to {@code to}, so each read is
 * one indexed range per patient (or per caseload), never a query per session, day or patient.
 */
@ApplicationScoped
public class TrendRepository {

    private static final String CHECK_IN_ROW = "select new com.infusionoutcomes.trend.CheckInRow(c.patientId,"
            + " c.recordedAt, c.context, c.sessionId, c.pain, c.sleep, c.mobility, c.mood) from CheckIn c"
            // A check-in entered in error never counts: not as a value, nor as a reported day, nor as the last one.
            + " where c.status <> :withdrawn and ";
    // Newest first on purpose: this is the order of the check_in (patient_id desc, recorded_at desc, id desc)
    // index, which H2 reads forwards only; the rows are reversed in memory, which costs nothing next to a sort.
    private static final String INDEX_ORDER = " order by c.patientId desc, c.recordedAt desc, c.id desc";
    private static final String SESSION_ROW = "select s.patientId, s.id, s.startedAt, s.endedAt from InfusionSession s"
            + " where s.status = :completed and s.startedAt <= :to and ";
    // A caseload read starts from the clinician's care-team entries and joins each patient's own index range, so
    // it reads the caseload's rows only. Written as "patientId in (select ... from CareTeamMember ...)", H2 walked
    // the whole check_in (and infusion_session) index, every patient of the clinic, and filtered: a panel then
    // cost in proportion to the clinic rather than the caseload (bench/trends.sh measures it).
    private static final String CASELOAD_CHECK_IN_ROW = "select new com.infusionoutcomes.trend.CheckInRow(c.patientId,"
            + " c.recordedAt, c.context, c.sessionId, c.pain, c.sleep, c.mobility, c.mood)"
            + " from CareTeamMember m join CheckIn c on c.patientId = m.patientId where m.userId = :clinician"
            + " and c.status <> :withdrawn and ";
    private static final String CASELOAD_SESSION_ROW = "select s.patientId, s.id, s.startedAt, s.endedAt"
            + " from CareTeamMember m join InfusionSession s on s.patientId = m.patientId where m.userId = :clinician"
            + " and s.status = :completed and s.startedAt <= :to";

    /** The query of {@link #checkIns(UUID, Instant, Domain)} per domain: the score's field is named as the domain. */
    private static final Map<Domain, String> ONE_SCORE_ROWS = new EnumMap<>(Domain.class);

    static {
        for (Domain domain : Domain.values()) {
            ONE_SCORE_ROWS.put(domain, "select c.recordedAt, c.context, c.sessionId, c." + domain.path()
                    + " from CheckIn c where c.status <> :withdrawn and c.patientId = :patient and c.recordedAt <= :to"
                    + INDEX_ORDER);
        }
    }

    private final EntityManager em;

    TrendRepository(EntityManager em) {
        this.em = em;
    }

    /** The patient as the trend engine knows them, in plain values: the engine reads no entity. */
    public static Subject subject(Patient patient) {
        return new Subject(patient.id, ZoneId.of(patient.timezone), patient.enrolledAt);
    }

    /** The patient's check-ins recorded up to {@code to}, oldest first (ties by id). */
    public List<CheckInRow> checkIns(UUID patientId, Instant to) {
        return oldestFirst(em.createQuery(
                CHECK_IN_ROW + "c.patientId = :patient and c.recordedAt <= :to" + INDEX_ORDER, CheckInRow.class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).setParameter("patient", patientId)
                .setParameter("to", to));
    }

    /**
     * The check-ins that decide the category as of {@link CategoryWindow#to()}, oldest first within each instant as
     * {@link #checkIns} orders them: the baseline window, everything after {@link CategoryWindow#recentAfter()},
     * and the first session's PRE_INFUSION check-ins outside both. Three disjoint index ranges, so each row is read
     * once and the cost follows a few weeks of the course, not its length.
     */
    public List<CheckInRow> checkInsDecidingCategory(UUID patientId, CategoryWindow window) {
        List<CheckInRow> rows = new ArrayList<>();
        rows.addAll(oldestFirst(em.createQuery(CHECK_IN_ROW + "c.patientId = :patient and c.recordedAt >= :from"
                + " and c.recordedAt <= :to" + INDEX_ORDER, CheckInRow.class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).setParameter("patient", patientId)
                .setParameter("from", window.baselineFrom()).setParameter("to", window.baselineTo())));
        // By the session index: no patient condition, or H2 would walk the patient's whole range instead.
        rows.addAll(oldestFirst(em.createQuery(CHECK_IN_ROW + "c.sessionId = :session and c.context = :pre"
                + " and (c.recordedAt < :baselineFrom or c.recordedAt > :baselineTo and c.recordedAt <= :recentAfter)"
                + " order by c.recordedAt desc, c.id desc", CheckInRow.class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR)
                .setParameter("session", window.firstSessionId()).setParameter("pre", CheckInContext.PRE_INFUSION)
                .setParameter("baselineFrom", window.baselineFrom()).setParameter("baselineTo", window.baselineTo())
                .setParameter("recentAfter", window.recentAfter())));
        rows.addAll(checkInsBetween(patientId, window.recentAfter(), window.to()));
        return rows;
    }

    /**
     * What a patient's outcome summary is computed from as of {@code to}, read in a few bounded ranges instead of
     * the whole course: the check-ins of the {@link CategoryWindow#forSummary summary's window} (or, before the
     * first infusion, of the {@link FirstValueWindow}), with every completed session and scheduled start. Empty
     * when those check-ins do not give every domain's figures as the whole course would (a domain never reported,
     * a long silence): then the caller reads the whole course. The slope is not among the figures it gives.
     *
     * @param sessions the patient's completed sessions up to {@code to}, numbered
     * @param withoutValues the domains the whole course has no value of up to {@code to} (the slope's sums count
     *        them): whatever is read, their figures are those of no value at all
     * @param latestCheckIn the patient's latest check-in up to {@code to}, or null when unknown (it only moves what
     *        is read, never what the figures are)
     */
    public Optional<TrendInput> summaryInput(Subject subject, List<CompletedSession> sessions,
            List<Instant> scheduled, Instant to, Set<Domain> withoutValues, Instant latestCheckIn) {
        UUID patientId = subject.patientId();
        if (latestCheckIn == null && withoutValues.size() == Domain.values().length) {
            // Nothing read would show which check-in is the latest (the recent range is found from a value).
            return Optional.empty();
        }
        if (sessions.isEmpty()) {
            FirstValueWindow window = new FirstValueWindow(to, latestCheckIn);
            List<CheckInRow> rows = new ArrayList<>(oldestCheckIns(patientId, window.recentAfter()));
            boolean oldestComplete = rows.size() < FirstValueWindow.OLDEST;
            rows.addAll(checkInsBetween(patientId, window.recentAfter(), to));
            TrendInput input = new TrendInput(subject, rows, sessions, scheduled);
            for (Domain domain : Domain.values()) {
                if (!withoutValues.contains(domain) && !input.decidesWithoutSessions(domain, window, oldestComplete)) {
                    return Optional.empty();
                }
            }
            return Optional.of(input);
        }
        CategoryWindow window = CategoryWindow.forSummary(sessions, to, latestCheckIn);
        TrendInput input = new TrendInput(subject, checkInsDecidingCategory(patientId, window), sessions, scheduled);
        for (Domain domain : Domain.values()) {
            if (withoutValues.contains(domain)) {
                continue;
            }
            if (!input.decidesCategory(domain, window) || !input.decidesBoosterForecast(domain, window)) {
                return Optional.empty();
            }
        }
        return Optional.of(input);
    }

    /** The patient's check-ins in (after, to], oldest first. */
    private List<CheckInRow> checkInsBetween(UUID patientId, Instant after, Instant to) {
        return oldestFirst(em.createQuery(CHECK_IN_ROW + "c.patientId = :patient and c.recordedAt > :after"
                + " and c.recordedAt <= :to" + INDEX_ORDER, CheckInRow.class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).setParameter("patient", patientId)
                .setParameter("after", after).setParameter("to", to));
    }

    /** The patient's {@link FirstValueWindow#OLDEST} oldest check-ins up to {@code upTo}, oldest first. */
    private List<CheckInRow> oldestCheckIns(UUID patientId, Instant upTo) {
        return em.createQuery(CHECK_IN_ROW + "c.patientId = :patient and c.recordedAt <= :upTo"
                + " order by c.patientId, c.recordedAt, c.id", CheckInRow.class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).setParameter("patient", patientId)
                .setParameter("upTo", upTo).setMaxResults(FirstValueWindow.OLDEST).getResultList();
    }

    /**
     * {@link #checkIns} as the trend of one domain reads them: every check-in, with only that domain's score (the
     * others absent), so the rows carry a third of the columns. Only {@link TrendInput#trend} of that domain may be
     * computed from them.
     */
    public List<CheckInRow> checkIns(UUID patientId, Instant to, Domain domain) {
        List<Object[]> rows = em.createQuery(ONE_SCORE_ROWS.get(domain), Object[].class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).setParameter("patient", patientId)
                .setParameter("to", to).getResultList();
        List<CheckInRow> oldestFirst = new ArrayList<>(rows.size());
        for (int i = rows.size() - 1; i >= 0; i--) {
            Object[] r = rows.get(i);
            oldestFirst.add(new CheckInRow(patientId, (Instant) r[0], (CheckInContext) r[1], (UUID) r[2],
                    scores(domain, (Integer) r[3])));
        }
        return oldestFirst;
    }

    private static Scores scores(Domain domain, Integer score) {
        return switch (domain) {
            case PAIN -> new Scores(score, null, null, null);
            case SLEEP -> new Scores(null, score, null, null);
            case MOBILITY -> new Scores(null, null, score, null);
            case MOOD -> new Scores(null, null, null, score);
        };
    }

    private static List<CheckInRow> oldestFirst(TypedQuery<CheckInRow> newestFirst) {
        List<CheckInRow> rows = new ArrayList<>(newestFirst.getResultList());
        Collections.reverse(rows);
        return rows;
    }

    /**
     * The instrument's scores of the patient up to {@code to}, oldest first (ties by id), as observations. A
     * response without a context was given between infusions, like a DAILY check-in.
     */
    public List<Observation> instrumentScores(UUID patientId, InstrumentScore score, Instant to) {
        List<Object[]> rows = em.createQuery("select q.recordedAt, q.context, q.sessionId, q.score"
                + " from QuestionnaireResponse q where q.patientId = :patient and q.instrument = :instrument"
                + " and q.recordedAt <= :to order by q.patientId desc, q.recordedAt desc, q.id desc", Object[].class)
                .setParameter("patient", patientId).setParameter("instrument", score.instrument())
                .setParameter("to", to).getResultList();
        List<Observation> observations = new ArrayList<>(rows.size());
        for (int i = rows.size() - 1; i >= 0; i--) {
            Object[] r = rows.get(i);
            CheckInContext context = r[1] == null ? CheckInContext.DAILY : (CheckInContext) r[1];
            observations.add(new Observation((Instant) r[0], context, (UUID) r[2], Fraction.of((BigDecimal) r[3])));
        }
        return observations;
    }

    /** The patient's completed sessions that started up to {@code to}, numbered in treatment order. */
    public List<CompletedSession> completedSessions(UUID patientId, Instant to) {
        return numbered(em.createQuery(SESSION_ROW + "s.patientId = :patient order by s.startedAt, s.id",
                Object[].class).setParameter("patient", patientId)
                .setParameter("completed", SessionStatus.COMPLETED).setParameter("to", to).getResultList())
                .getOrDefault(patientId, List.of());
    }

    /**
     * A patient's sessions as an outcome summary needs them as of {@code to}, in one read.
     *
     * @param completed the completed sessions that started up to {@code to}, numbered
     * @param scheduled when the SCHEDULED sessions are to start, soonest first
     * @param nextCompletedStart the earliest start of a completed session after {@code to} (one recorded ahead of
     *        the clock), or null
     */
    public record Sessions(List<CompletedSession> completed, List<Instant> scheduled, Instant nextCompletedStart) {
    }

    /** {@link #completedSessions}, {@link #scheduledStarts} and what lies ahead, in one read. */
    public Sessions sessions(UUID patientId, Instant to) {
        List<Object[]> completed = new ArrayList<>();
        List<Instant> scheduled = new ArrayList<>();
        Instant next = null;
        for (Object[] r : em.createQuery("select s.patientId, s.id, s.startedAt, s.endedAt, s.status, s.scheduledAt"
                + " from InfusionSession s where s.patientId = :patient and (s.status = :completed"
                + " or s.status = :scheduled and s.scheduledAt is not null) order by s.startedAt, s.id", Object[].class)
                .setParameter("patient", patientId).setParameter("completed", SessionStatus.COMPLETED)
                .setParameter("scheduled", SessionStatus.SCHEDULED).getResultList()) {
            if (r[4] == SessionStatus.SCHEDULED) {
                scheduled.add((Instant) r[5]);
            } else if (!((Instant) r[2]).isAfter(to)) {
                completed.add(r);
            } else if (next == null) {
                next = (Instant) r[2];
            }
        }
        scheduled.sort(null);
        return new Sessions(numbered(completed).getOrDefault(patientId, List.of()), scheduled, next);
    }

    /** When the patient's SCHEDULED sessions are to start, soonest first: what may cover a booster forecast. */
    public List<Instant> scheduledStarts(UUID patientId) {
        return em.createQuery("select s.scheduledAt from InfusionSession s where s.patientId = :patient"
                + " and s.status = :scheduled and s.scheduledAt is not null order by s.scheduledAt", Instant.class)
                .setParameter("patient", patientId).setParameter("scheduled", SessionStatus.SCHEDULED)
                .getResultList();
    }

    /** {@link #scheduledStarts} of every patient on the clinician's care team; absent means none. */
    public Map<UUID, List<Instant>> scheduledStartsOfCaseload(UUID clinicianId) {
        Map<UUID, List<Instant>> byPatient = new HashMap<>();
        for (Object[] r : em.createQuery("select s.patientId, s.scheduledAt from CareTeamMember m"
                + " join InfusionSession s on s.patientId = m.patientId where m.userId = :clinician"
                + " and s.status = :scheduled and s.scheduledAt is not null order by s.patientId, s.scheduledAt",
                Object[].class).setParameter("clinician", clinicianId)
                .setParameter("scheduled", SessionStatus.SCHEDULED).getResultList()) {
            byPatient.computeIfAbsent((UUID) r[0], p -> new ArrayList<>()).add((Instant) r[1]);
        }
        return byPatient;
    }

    /** Every check-in up to {@code to} of every patient on the clinician's care team, by patient, oldest first. */
    public Map<UUID, List<CheckInRow>> checkInsOfCaseload(UUID clinicianId, Instant to) {
        Map<UUID, List<CheckInRow>> byPatient = new HashMap<>();
        for (CheckInRow row : em.createQuery(
                CASELOAD_CHECK_IN_ROW + "c.recordedAt <= :to" + INDEX_ORDER, CheckInRow.class)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).setParameter("clinician", clinicianId)
                .setParameter("to", to).getResultList()) {
            byPatient.computeIfAbsent(row.patientId(), p -> new ArrayList<>()).add(row);
        }
        byPatient.values().forEach(Collections::reverse);
        return byPatient;
    }

    /** The completed sessions up to {@code to} of every patient on the clinician's care team, numbered. */
    public Map<UUID, List<CompletedSession>> completedSessionsOfCaseload(UUID clinicianId, Instant to) {
        return numbered(em.createQuery(CASELOAD_SESSION_ROW + " order by s.patientId, s.startedAt, s.id", Object[].class)
                .setParameter("clinician", clinicianId).setParameter("completed", SessionStatus.COMPLETED)
                .setParameter("to", to).getResultList());
    }

    /**
     * Numbers each patient's sessions by their position in treatment order, as the sessions API does. Only the
     * sessions up to {@code to} were read, but they are the first ones in that order, so the numbers agree.
     */
    private static Map<UUID, List<CompletedSession>> numbered(List<Object[]> rows) {
        Map<UUID, List<CompletedSession>> byPatient = new HashMap<>();
        for (Object[] r : rows) {
            List<CompletedSession> sessions = byPatient.computeIfAbsent((UUID) r[0], p -> new ArrayList<>());
            sessions.add(new CompletedSession((UUID) r[1], sessions.size() + 1, (Instant) r[2], (Instant) r[3]));
        }
        return byPatient;
    }
}
