package com.infusionoutcomes.summary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.infusionoutcomes.checkin.CheckIn;
import com.infusionoutcomes.checkin.CheckInCorrected;
import com.infusionoutcomes.checkin.CheckInCorrection;
import com.infusionoutcomes.checkin.CheckInStatus;
import com.infusionoutcomes.checkin.CheckInsRecorded;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientEnrolled;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.patient.PatientTimezoneChanged;
import com.infusionoutcomes.session.SessionChanged;
import com.infusionoutcomes.trend.BoosterForecast;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.CheckInRow;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.SlopeSums;
import com.infusionoutcomes.trend.TrendFigures;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendRepository;

/**
 * Keeps each patient's {@link OutcomeSummary} rows equal to what the trend endpoint computes for them: every write
 * that changes a patient's figures publishes an event in its transaction, with the patient's write lock held, and
 * this brings the patient's summaries up to date through the trend engine ({@link TrendInput#figures}) in that
 * transaction, before the alert rules that read them. It reads the last few weeks of the course, not the whole of
 * it: the slope (a least-squares fit over every value) is kept as exact sums that each write changes by its own
 * values, and every other figure is decided by a bounded window (see {@link #update(UUID, SumsChange)}).
 *
 * <p>Only time changes a figure without a write, and only one way: a check-in or a session may be recorded up to 5
 * minutes ahead of the clock, and a trend as of now does not see it until its time comes. Such a row stores that
 * time as {@code refreshAt}; {@link #refreshDue} recomputes rows whose time has come, before the panel reads a
 * caseload and before the booster scan. Nothing else in a summary depends on the clock: a booster's due date and
 * whether it is covered are dates of the course, and whether it is due "soon" is decided by the rule against
 * today.
 */
@ApplicationScoped
public class OutcomeSummaries {

    /**
     * Before the alert rules that read the summaries (their {@code RuleOrder.AFTER_FIGURES}, APPLICATION + 500):
     * CDI runs lower priorities first.
     */
    public static final int PRIORITY = jakarta.interceptor.Interceptor.Priority.APPLICATION + 400;

    /** The panel's triage order of categories: WORSENED first, INSUFFICIENT_DATA last. */
    public static final List<Category> CATEGORY_ORDER = List.of(Category.WORSENED, Category.NO_CHANGE,
            Category.MINIMAL, Category.MODERATE, Category.SUBSTANTIAL, Category.INSUFFICIENT_DATA);

    /** The key of a missing value in an order that puts it by rank, never compared with a real value. */
    public static final Instant NO_TIME = Instant.EPOCH;
    public static final LocalDate NO_DATE = LocalDate.EPOCH;

    private final EntityManager em;
    private final TrendRepository trends;
    private final PatientService patients;

    private final Counter windowReads;
    private final Counter courseReads;

    OutcomeSummaries(EntityManager em, TrendRepository trends, PatientService patients, MeterRegistry registry) {
        this.em = em;
        this.trends = trends;
        this.patients = patients;
        this.windowReads = updates(registry, "window");
        this.courseReads = updates(registry, "course");
    }

    /** How often a write's update read a bounded window or the whole course: the second should stay rare. */
    private static Counter updates(MeterRegistry registry, String read) {
        return Counter.builder("infusion.summary.updates").tag("read", read)
                .description("Outcome summary updates after a write, by what they read of the course")
                .register(registry);
    }

    void enrolled(@Observes @Priority(PRIORITY) PatientEnrolled event) {
        update(event.patientId());
    }

    void checkInsRecorded(@Observes @Priority(PRIORITY) CheckInsRecorded event) {
        update(event.patientId(), List.of(),
                event.checkIns().stream().map(OutcomeSummaries::row).toList());
    }

    void checkInCorrected(@Observes @Priority(PRIORITY) CheckInCorrected event) {
        update(event.patientId(), counted(event.patientId(), event.before()), counted(event.patientId(), event.after()));
    }

    void sessionChanged(@Observes @Priority(PRIORITY) SessionChanged event) {
        update(event.patientId());
    }

    void timezoneChanged(@Observes @Priority(PRIORITY) PatientTimezoneChanged event) {
        update(event.patientId());
    }

    /**
     * Brings the patient's summaries up to date as of now after a write that changed no check-in's value (a
     * session, the timezone, an enrolment), in the writing transaction (which holds the write lock).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(UUID patientId) {
        update(patientId, List.of(), List.of());
    }

    /**
     * The work a write does under the patient's lock stays bounded by the last few weeks of the course: the slope's
     * sums change by the write's own values, and the other figures come from the bounded read of
     * {@link TrendRepository#summaryInput}. The whole course is read only when the stored rows cannot be updated
     * (missing, from before the sums were kept, or due for a refresh, which a value that was ahead of the clock
     * has joined) or when the bounded read does not decide every figure.
     *
     * @param removed the check-ins as they counted before the write (a correction's previous version)
     * @param added the check-ins as they count after it (new ones, a correction's new version)
     */
    private void update(UUID patientId, List<CheckInRow> removed, List<CheckInRow> added) {
        Instant now = now();
        Map<Domain, OutcomeSummary> stored = stored(patientId);
        boolean current = stored.size() == Domain.values().length && stored.values().stream()
                .allMatch(s -> s.slopeN != null && (s.refreshAt == null || s.refreshAt.isAfter(now)));
        if (!current) {
            courseReads.increment();
            store(compute(patientId, now));
            return;
        }
        // A value ahead of the clock joins the sums when its time comes: the refresh then reads the whole course.
        List<CheckInRow> gone = removed.stream().filter(c -> !c.recordedAt().isAfter(now)).toList();
        List<CheckInRow> come = added.stream().filter(c -> !c.recordedAt().isAfter(now)).toList();
        Map<Domain, SlopeSums> sums = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            SlopeSums domainSums = stored.get(domain).slopeSums();
            for (CheckInRow checkIn : gone) {
                domainSums = domainSums.without(checkIn, domain);
            }
            for (CheckInRow checkIn : come) {
                domainSums = domainSums.with(checkIn, domain);
            }
            sums.put(domain, domainSums);
        }
        Set<Domain> withoutValues = sums.entrySet().stream().filter(e -> e.getValue().n() == 0).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Domain.class)));
        Patient patient = patients.requireUnscoped(patientId);
        TrendRepository.Sessions sessions = trends.sessions(patientId, now);
        java.util.Optional<TrendInput> bounded = trends.summaryInput(TrendRepository.subject(patient),
                sessions.completed(), sessions.scheduled(), now, withoutValues,
                latestCheckIn(stored.get(Domain.PAIN).lastCheckInAt, gone, come));
        if (bounded.isEmpty()) {
            courseReads.increment();
            store(compute(patientId, now));
            return;
        }
        windowReads.increment();
        List<OutcomeSummary> summaries = figures(patientId, bounded.get(), sessions, now);
        for (OutcomeSummary summary : summaries) {
            SlopeSums domainSums = sums.get(summary.domain);
            summary.slopeSums(domainSums);
            summary.slopePerWeek = domainSums.slopePerWeek();
        }
        store(summaries);
    }

    /**
     * The latest check-in after the write, from the stored one and the write's own; null when the write took away
     * the check-in that was the latest (another may share its instant, or the one before it is not known).
     */
    private static Instant latestCheckIn(Instant stored, List<CheckInRow> gone, List<CheckInRow> come) {
        if (stored != null && gone.stream().anyMatch(c -> !c.recordedAt().isBefore(stored))) {
            return null;
        }
        Instant latest = stored;
        for (CheckInRow checkIn : come) {
            latest = latest == null || checkIn.recordedAt().isAfter(latest) ? checkIn.recordedAt() : latest;
        }
        return latest;
    }

    private static CheckInRow row(CheckIn c) {
        return new CheckInRow(c.patientId, c.recordedAt, c.context, c.sessionId, c.pain, c.sleep, c.mobility,
                c.mood);
    }

    /** A version of a check-in as a trend counts it: not at all once entered in error. */
    private static List<CheckInRow> counted(UUID patientId, CheckInCorrection c) {
        return c.status() == CheckInStatus.ENTERED_IN_ERROR ? List.of()
                : List.of(new CheckInRow(patientId, c.recordedAt().toInstant(), c.context(), c.sessionId(), c.scores()));
    }

    /**
     * The patient's stored summary in the domain; computed and stored first for a patient that has none yet (one
     * enrolled before the summaries existed, before the startup backfill reached them).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutcomeSummary require(UUID patientId, Domain domain) {
        return find(patientId, domain).orElseGet(() -> {
            rebuild(patientId);
            return find(patientId, domain).orElseThrow();
        });
    }

    /** The patient's summary in one domain; empty only for a patient that has none yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<OutcomeSummary> find(UUID patientId, Domain domain) {
        return java.util.Optional.ofNullable(em.find(OutcomeSummary.class, new OutcomeSummary.Key(patientId, domain)));
    }

    /**
     * What the patient's summaries are as of {@code now}, computed from the records, not stored: the whole course,
     * read as the trend endpoint reads it, the slope's sums included.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutcomeSummary> compute(UUID patientId, Instant now) {
        Patient patient = patients.requireUnscoped(patientId);
        TrendRepository.Sessions sessions = trends.sessions(patientId, now);
        TrendInput input = new TrendInput(TrendRepository.subject(patient), trends.checkIns(patientId, now),
                sessions.completed(), sessions.scheduled());
        List<OutcomeSummary> summaries = figures(patientId, input, sessions, now);
        for (OutcomeSummary summary : summaries) {
            // From the values themselves, as the trend endpoint computes it, not from the sums: a stored slope kept
            // by difference is compared with this one.
            summary.slopePerWeek = input.slopePerWeek(summary.domain, now);
            summary.slopeSums(input.slopeSums(summary.domain, now));
        }
        return summaries;
    }

    /** Every figure but the slope the trend engine gives from {@code input} as of {@code now}, in every domain. */
    private List<OutcomeSummary> figures(UUID patientId, TrendInput input, TrendRepository.Sessions sessions,
            Instant now) {
        Instant refreshAt = nextChangeAfter(patientId, sessions.nextCompletedStart(), now);
        List<OutcomeSummary> summaries = new ArrayList<>();
        for (Domain domain : Domain.values()) {
            summaries.add(of(patientId, input.figures(domain, now), domain, input.lastCheckInAt(), now, refreshAt));
        }
        return summaries;
    }

    /** Replaces the stored rows by {@code computed}, keeping managed rows managed. */
    private void store(List<OutcomeSummary> computed) {
        for (OutcomeSummary summary : computed) {
            OutcomeSummary stored = em.find(OutcomeSummary.class,
                    new OutcomeSummary.Key(summary.patientId, summary.domain));
            if (stored == null) {
                em.persist(summary);
            } else {
                copy(summary, stored);
            }
        }
    }

    /**
     * Recomputes the summaries whose figures time has changed since they were stored (see the class comment), of
     * the clinician's caseload or, with a null clinician, of every patient. Each under the patient's write lock,
     * in the caller's transaction.
     *
     * @return how many patients were recomputed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int refreshDue(UUID clinicianId, Instant now) {
        // One table in the from clause and the caseload as a per-row probe: nothing is due almost always, and then
        // planning a join with the care team cost PostgreSQL more than the empty read itself (on every panel page).
        List<UUID> due = clinicianId == null
                ? em.createQuery("select distinct s.patientId from OutcomeSummary s where s.refreshAt <= :now",
                        UUID.class).setParameter("now", now).getResultList()
                : em.createQuery("select s.patientId, (select count(m) from CareTeamMember m"
                        + " where m.patientId = s.patientId and m.userId = :clinician)"
                        + " from OutcomeSummary s where s.refreshAt <= :now", Object[].class)
                        .setParameter("now", now).setParameter("clinician", clinicianId).getResultList().stream()
                        .filter(r -> ((Number) r[1]).longValue() > 0).map(r -> (UUID) r[0]).distinct().toList();
        for (UUID patientId : due) {
            patients.lockForWrite(patientId);
            store(compute(patientId, now));
        }
        return due.size();
    }

    /** The patient's stored rows, by domain (for comparing with {@link #compute}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Domain, OutcomeSummary> stored(UUID patientId) {
        return em.createQuery("select s from OutcomeSummary s where s.patientId = :patient", OutcomeSummary.class)
                .setParameter("patient", patientId).getResultList().stream()
                .collect(Collectors.toMap(s -> s.domain, Function.identity()));
    }

    /** Recomputes and stores one patient's summaries under the write lock (rebuild and backfill). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rebuild(UUID patientId) {
        patients.lockForWrite(patientId);
        store(compute(patientId, now()));
    }

    /**
     * The earliest check-in or completed session after {@code now}: when a trend as of now next changes.
     *
     * @param session the earliest start of a completed session after {@code now}, or null
     */
    private Instant nextChangeAfter(UUID patientId, Instant session, Instant now) {
        Instant checkIn = em.createQuery("select min(c.recordedAt) from CheckIn c where c.patientId = :patient"
                + " and c.recordedAt > :now and c.status <> :withdrawn", Instant.class)
                .setParameter("patient", patientId).setParameter("now", now)
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR).getSingleResult();
        if (checkIn == null) {
            return session;
        }
        return session == null || checkIn.isBefore(session) ? checkIn : session;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static OutcomeSummary of(UUID patientId, TrendFigures trend, Domain domain, Instant lastCheckInAt, Instant now,
            Instant refreshAt) {
        OutcomeSummary s = new OutcomeSummary();
        s.patientId = patientId;
        s.domain = domain;
        s.computedAt = now;
        s.refreshAt = refreshAt;
        s.completedSessions = trend.course().size();
        s.lastCheckInAt = lastCheckInAt;
        if (trend.baseline() != null) {
            s.baseline = trend.baseline().value();
            s.baselineMethod = trend.baseline().method();
            s.baselineN = trend.baseline().n();
        }
        if (trend.latest() != null) {
            s.latest = trend.latest().value();
            s.latestAt = trend.latest().recordedAt();
        }
        if (trend.current() != null) {
            s.current = trend.current().value();
            s.currentN = trend.current().n();
        }
        s.absoluteChange = trend.absoluteChange();
        s.improvementPercent = trend.improvementPercent();
        s.category = trend.category();
        if (!trend.course().isEmpty()) {
            s.latestSessionId = trend.course().get(trend.course().size() - 1).sessionId();
            s.lastDurabilityDays = trend.lastDurabilityDays();
            s.lastDurabilityCensored = trend.lastDurabilityCensored();
        }
        BoosterForecast booster = trend.boosterForecast();
        s.boosterStatus = booster.status();
        s.boosterDueOn = booster.dueOn();
        s.boosterExpectedReliefDays = booster.expectedReliefDays();
        s.boosterBasedOn = booster.basedOnSessionIds().isEmpty() ? null
                : booster.basedOnSessionIds().stream()
                        .map(id -> Integer.toString(trend.course().stream().filter(e -> e.sessionId().equals(id))
                                .findFirst().orElseThrow().number()))
                        .collect(Collectors.joining(","));
        s.boosterReliefHeldAtLeastDays = booster.reliefHeldAtLeastDays();
        s.boosterCovered = booster.covered();
        s.improvementRank = s.improvementPercent == null ? 1 : 0;
        s.improvementKey = s.improvementPercent == null ? BigDecimal.ZERO : s.improvementPercent;
        s.categoryRank = CATEGORY_ORDER.indexOf(s.category);
        s.checkInRank = lastCheckInAt == null ? 0 : 1;
        s.checkInKey = lastCheckInAt == null ? NO_TIME : lastCheckInAt;
        s.boosterRank = s.boosterDueOn == null ? 2 : Boolean.TRUE.equals(s.boosterCovered) ? 1 : 0;
        s.boosterKey = s.boosterDueOn == null ? NO_DATE : s.boosterDueOn;
        return s;
    }

    private static void copy(OutcomeSummary from, OutcomeSummary to) {
        to.computedAt = from.computedAt;
        to.refreshAt = from.refreshAt;
        to.completedSessions = from.completedSessions;
        to.lastCheckInAt = from.lastCheckInAt;
        to.baseline = from.baseline;
        to.baselineMethod = from.baselineMethod;
        to.baselineN = from.baselineN;
        to.latest = from.latest;
        to.latestAt = from.latestAt;
        to.current = from.current;
        to.currentN = from.currentN;
        to.absoluteChange = from.absoluteChange;
        to.improvementPercent = from.improvementPercent;
        to.category = from.category;
        to.slopePerWeek = from.slopePerWeek;
        to.latestSessionId = from.latestSessionId;
        to.lastDurabilityDays = from.lastDurabilityDays;
        to.lastDurabilityCensored = from.lastDurabilityCensored;
        to.boosterStatus = from.boosterStatus;
        to.boosterDueOn = from.boosterDueOn;
        to.boosterExpectedReliefDays = from.boosterExpectedReliefDays;
        to.boosterBasedOn = from.boosterBasedOn;
        to.boosterReliefHeldAtLeastDays = from.boosterReliefHeldAtLeastDays;
        to.boosterCovered = from.boosterCovered;
        to.improvementRank = from.improvementRank;
        to.improvementKey = from.improvementKey;
        to.categoryRank = from.categoryRank;
        to.checkInRank = from.checkInRank;
        to.checkInKey = from.checkInKey;
        to.boosterRank = from.boosterRank;
        to.boosterKey = from.boosterKey;
        to.slopeN = from.slopeN;
        to.slopeSumX = from.slopeSumX;
        to.slopeSumY = from.slopeSumY;
        to.slopeSumXY = from.slopeSumXY;
        to.slopeSumXX = from.slopeSumXX;
    }
}
