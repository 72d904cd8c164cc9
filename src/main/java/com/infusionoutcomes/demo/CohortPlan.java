package com.infusionoutcomes.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.CheckInRequest;
import com.infusionoutcomes.checkin.Scores;
import com.infusionoutcomes.patient.Condition;
import com.infusionoutcomes.patient.PatientRequest;
import com.infusionoutcomes.session.SessionRequest;
import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.session.Severity;
import com.infusionoutcomes.session.SideEffect;
import com.infusionoutcomes.session.SideEffectType;
import com.infusionoutcomes.session.VitalSign;

/**
 * The demo cohort as the requests a clinic's client would send, computed from "now" and a fixed seed. Nothing here
 * touches the database, so the clinical shapes can be checked for any start time without running the service.
 * <p>
 * The random sequence never depends on {@code now}: the same draws happen in the same order whatever the start
 * time, and only a report that would lie in the future is dropped after its draws.
 */
final class CohortPlan {

    static final long SEED = 20_260_301L;
    static final int DAYS_SINCE_ENROLMENT = 63;
    /** Days after enrolment of the six induction infusions: three a week, then a weekend gap, as clinics book them. */
    static final int[] SESSION_DAYS = { 14, 16, 18, 21, 23, 25 };
    private static final double SKIPPED_DAY_PROBABILITY = 0.08;

    enum Shape {
        CLEAR_RESPONDER, PARTIAL_RESPONDER, NON_RESPONDER
    }

    record PlannedPatient(Shape shape, PatientRequest enrolment, List<PlannedSession> course, SessionRequest booster,
            List<CheckInRequest> daily) {
    }

    /** A completed infusion with the reports taken right before and right after it. */
    record PlannedSession(SessionRequest session, OffsetDateTime preAt, Scores pre, OffsetDateTime postAt,
            Scores post) {

        CheckInRequest preCheckIn(UUID sessionId) {
            return new CheckInRequest(null, CheckInContext.PRE_INFUSION, sessionId, preAt, pre, null);
        }

        CheckInRequest postCheckIn(UUID sessionId) {
            return new CheckInRequest(null, CheckInContext.POST_INFUSION, sessionId, postAt, post, null);
        }
    }

    /**
     * How a patient's scores move. Right after infusion k pain is {@code peak[k]} points below baseline; the relief
     * then fades with {@code halfLifeDays[k]} towards a lasting {@code floor[k]}. Sleep, mobility and mood follow
     * the pain relief with their own gain per point.
     */
    private record Response(double pain, double sleep, double mobility, double mood, double sleepGain,
            double mobilityGain, double moodGain, double noise, double[] peak, double[] floor, double[] halfLifeDays) {
    }

    private record Profile(Shape shape, String externalId, String displayName, int birthYear,
            List<Condition> conditions, String timezone, double weightKg, double[] doseMgPerKg, Response response) {
    }

    private static final List<Profile> PROFILES = List.of(
            // Relief deepens and lasts longer with every infusion, until it holds after the sixth.
            new Profile(Shape.CLEAR_RESPONDER, "DEMO-001", "Rosa Delgado (demo)", 1978,
                    List.of(Condition.FIBROMYALGIA), "America/New_York", 68.0,
                    new double[] { 0.5, 0.6, 0.7, 0.75, 0.75, 0.75 },
                    new Response(7.6, 3.0, 3.2, 4.0, 0.85, 0.75, 0.7, 0.6,
                            new double[] { 3.5, 4.0, 4.5, 5.0, 5.3, 5.6 },
                            new double[] { 0.5, 1.2, 2.0, 3.0, 4.0, 5.0 },
                            new double[] { 1.0, 1.5, 2.5, 4.0, 7.0, 60.0 })),
            // Good acute relief that fades within a few days, leaving about a 30 % gain by the end.
            new Profile(Shape.PARTIAL_RESPONDER, "DEMO-002", "Tom Ashworth (demo)", 1965,
                    List.of(Condition.CRPS), "Europe/London", 84.5,
                    new double[] { 0.5, 0.6, 0.7, 0.8, 0.8, 0.8 },
                    new Response(7.2, 4.0, 3.8, 4.5, 0.6, 0.5, 0.5, 0.6,
                            new double[] { 2.6, 2.8, 3.0, 3.2, 3.2, 3.3 },
                            new double[] { 0.3, 0.6, 1.0, 1.4, 1.8, 2.2 },
                            new double[] { 1.5, 1.5, 2.0, 2.0, 2.5, 2.5 })),
            // Titrated to 1 mg/kg; a small effect right after each infusion that is gone by the next day.
            new Profile(Shape.NON_RESPONDER, "DEMO-003", "Kai Nakamura (demo)", 1987,
                    List.of(Condition.NEUROPATHY, Condition.MIGRAINE), "America/Los_Angeles", 61.2,
                    new double[] { 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 },
                    new Response(7.0, 4.2, 4.5, 4.8, 0.3, 0.3, 0.5, 0.5,
                            new double[] { 1.5, 1.5, 1.5, 1.5, 1.5, 1.5 },
                            new double[] { 0, 0, 0, 0, 0, 0 },
                            new double[] { 0.25, 0.25, 0.25, 0.25, 0.25, 0.25 })));

    private static final SideEffectType[] OCCASIONAL_EFFECTS = { SideEffectType.NAUSEA, SideEffectType.DIZZINESS,
            SideEffectType.HEADACHE, SideEffectType.SEDATION };

    private CohortPlan() {
    }

    static List<PlannedPatient> at(Instant now) {
        Random random = new Random(SEED);
        List<PlannedPatient> cohort = new ArrayList<>();
        for (Profile profile : PROFILES) {
            cohort.add(plan(profile, now, random));
        }
        return cohort;
    }

    private static PlannedPatient plan(Profile p, Instant now, Random random) {
        ZoneId zone = ZoneId.of(p.timezone());
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate firstDay = today.minusDays(DAYS_SINCE_ENROLMENT);
        Response r = p.response();

        PatientRequest enrolment = new PatientRequest(p.externalId(), p.displayName(), p.birthYear(),
                p.conditions(), p.timezone(), local(firstDay, LocalTime.of(10, 0).plusMinutes(random.nextInt(60)), zone));

        List<OffsetDateTime> starts = new ArrayList<>();
        List<OffsetDateTime> ends = new ArrayList<>();
        for (int day : SESSION_DAYS) {
            OffsetDateTime start = local(firstDay.plusDays(day), LocalTime.of(8, 30).plusMinutes(random.nextInt(121)),
                    zone);
            starts.add(start);
            ends.add(start.plusMinutes(40 + random.nextInt(21)));
        }
        List<Instant> endInstants = ends.stream().map(OffsetDateTime::toInstant).toList();

        int systolic = 116 + random.nextInt(14);
        int diastolic = 72 + random.nextInt(10);
        int heartRate = 66 + random.nextInt(14);
        List<PlannedSession> course = new ArrayList<>();
        for (int k = 0; k < SESSION_DAYS.length; k++) {
            OffsetDateTime start = starts.get(k);
            OffsetDateTime end = ends.get(k);
            BigDecimal weight = BigDecimal.valueOf(p.weightKg() + random.nextGaussian() * 0.4)
                    .setScale(1, RoundingMode.HALF_UP);
            BigDecimal dose = BigDecimal.valueOf(p.doseMgPerKg()[k]).setScale(3, RoundingMode.HALF_UP);
            long minutes = Duration.between(start, end).toMinutes();
            // The whole dose runs over the infusion, so the rate follows from dose and duration.
            BigDecimal rate = dose.multiply(BigDecimal.valueOf(60)).divide(BigDecimal.valueOf(minutes), 3,
                    RoundingMode.HALF_UP);
            List<VitalSign> vitals = vitals(start, minutes, systolic, diastolic, heartRate, random);
            List<SideEffect> effects = sideEffects(p.doseMgPerKg()[k], random);
            SessionRequest session = new SessionRequest(SessionStatus.COMPLETED, start.minusMinutes(30), start, end,
                    weight, dose, null, rate, vitals, effects,
                    "Induction course, infusion " + (k + 1) + " of " + SESSION_DAYS.length + ".");

            OffsetDateTime preAt = start.minusMinutes(12 + random.nextInt(7));
            OffsetDateTime postAt = end.plusMinutes(12 + random.nextInt(7));
            double lastNight = relief(r, endInstants, lastNight(preAt, zone));
            Scores pre = scores(r, relief(r, endInstants, preAt.toInstant()), lastNight, true, random);
            // Last night's sleep has not changed since the pre-infusion report an hour earlier: not asked again.
            Scores post = scores(r, relief(r, endInstants, postAt.toInstant()), lastNight, false, random);
            course.add(new PlannedSession(session, preAt, pre, postAt, post));
        }

        List<CheckInRequest> daily = new ArrayList<>();
        for (int day = 0; day <= DAYS_SINCE_ENROLMENT; day++) {
            LocalDate date = firstDay.plusDays(day);
            int d = day;
            boolean sessionDay = Arrays.stream(SESSION_DAYS).anyMatch(s -> s == d);
            // Infusion days always have reports, so only an ordinary day can be missed.
            boolean missed = !sessionDay && random.nextDouble() < SKIPPED_DAY_PROBABILITY;
            OffsetDateTime at = local(date, LocalTime.of(19, 30).plusMinutes(random.nextInt(121)), zone);
            Scores scores = scores(r, relief(r, endInstants, at.toInstant()),
                    relief(r, endInstants, lastNight(at, zone)), true, random);
            if (!missed && !at.toInstant().isAfter(now)) {
                daily.add(new CheckInRequest(null, CheckInContext.DAILY, null, at, scores, null));
            }
        }

        SessionRequest booster = p.shape() != Shape.CLEAR_RESPONDER ? null
                : new SessionRequest(SessionStatus.SCHEDULED, local(today.plusDays(7), LocalTime.of(9, 30), zone),
                        null, null, null, null, null, null, List.of(), List.of(),
                        "Booster after the induction course; review the pain trend before confirming.");
        return new PlannedPatient(p.shape(), enrolment, course, booster, daily);
    }

    /** Pain relief in points at {@code t}: whatever the latest infusion ended before it has left. */
    private static double relief(Response r, List<Instant> ends, Instant t) {
        double relief = 0;
        for (int k = 0; k < ends.size() && !ends.get(k).isAfter(t); k++) {
            double days = Duration.between(ends.get(k), t).toMinutes() / 1440.0;
            relief = r.floor()[k] + (r.peak()[k] - r.floor()[k]) * Math.pow(0.5, days / r.halfLifeDays()[k]);
        }
        return relief;
    }

    /** The sleep item asks about last night, so it reflects the relief in the small hours, not at report time. */
    private static Instant lastNight(OffsetDateTime reportedAt, ZoneId zone) {
        return reportedAt.atZoneSameInstant(zone).toLocalDate().atTime(3, 0).atZone(zone).toInstant();
    }

    private static Scores scores(Response r, double relief, double reliefLastNight, boolean askSleep,
            Random random) {
        int pain = score(r.pain() - relief + random.nextGaussian() * r.noise());
        int sleep = score(r.sleep() + r.sleepGain() * reliefLastNight + random.nextGaussian() * r.noise());
        int mobility = score(r.mobility() + r.mobilityGain() * relief + random.nextGaussian() * r.noise());
        int mood = score(r.mood() + r.moodGain() * relief + random.nextGaussian() * r.noise());
        return new Scores(pain, askSleep ? sleep : null, mobility, mood);
    }

    private static int score(double value) {
        return (int) Math.max(0, Math.min(10, Math.round(value)));
    }

    /** Taken at the start, at even intervals and at the end; blood pressure and pulse rise mid-infusion. */
    private static List<VitalSign> vitals(OffsetDateTime start, long minutes, int systolic, int diastolic,
            int heartRate, Random random) {
        int readings = 2 + random.nextInt(3);
        List<VitalSign> vitals = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            double progress = (double) i / (readings - 1);
            double rise = 14 * Math.sin(Math.PI * progress);
            vitals.add(new VitalSign(start.plusMinutes(Math.round(minutes * progress)),
                    (int) Math.round(systolic + rise + random.nextGaussian() * 4),
                    (int) Math.round(diastolic + rise / 2 + random.nextGaussian() * 3),
                    (int) Math.round(heartRate + rise * 0.6 + random.nextGaussian() * 4),
                    (int) Math.max(94, Math.min(100, Math.round(97.5 + random.nextGaussian())))));
        }
        return vitals;
    }

    private static List<SideEffect> sideEffects(double doseMgPerKg, Random random) {
        List<SideEffect> effects = new ArrayList<>();
        effects.add(new SideEffect(SideEffectType.DISSOCIATION, doseMgPerKg >= 0.9 ? Severity.MODERATE : Severity.MILD,
                "Resolved within 30 minutes of the infusion ending."));
        boolean another = random.nextDouble() < 0.5;
        SideEffectType type = OCCASIONAL_EFFECTS[random.nextInt(OCCASIONAL_EFFECTS.length)];
        if (another) {
            effects.add(new SideEffect(type, Severity.MILD, null));
        }
        return effects;
    }

    private static OffsetDateTime local(LocalDate date, LocalTime time, ZoneId zone) {
        return date.atTime(time).atZone(zone).toOffsetDateTime();
    }
}
