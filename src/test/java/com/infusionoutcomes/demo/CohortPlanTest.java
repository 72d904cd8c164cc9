package com.infusionoutcomes.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.CheckInRequest;
import com.infusionoutcomes.checkin.Scores;
import com.infusionoutcomes.demo.CohortPlan.PlannedPatient;
import com.infusionoutcomes.demo.CohortPlan.PlannedSession;
import com.infusionoutcomes.session.VitalSign;

/** The cohort's clinical shapes must hold whatever the time of day, the season or the daylight-saving offset. */
class CohortPlanTest {

    /** Every 7 hours 13 minutes across a year: all times of day in every zone, both sides of each DST change. */
    private static List<Instant> starts() {
        List<Instant> starts = new ArrayList<>();
        for (Instant t = Instant.parse("2026-01-01T00:00:00Z"); t.isBefore(Instant.parse("2027-01-01T00:00:00Z"));
                t = t.plus(Duration.ofMinutes(7 * 60 + 13))) {
            starts.add(t);
        }
        return starts;
    }

    @Test
    void shouldBeTheSameCohortForTheSameStart() {
        Instant now = Instant.parse("2026-05-04T13:37:00Z");
        assertEquals(CohortPlan.at(now), CohortPlan.at(now));
    }

    @Test
    void shouldNeverRecordInTheFutureAndScheduleTheBoosterAWeekAhead() {
        for (Instant now : starts()) {
            for (PlannedPatient p : CohortPlan.at(now)) {
                assertFalse(p.enrolment().enrolledAt().toInstant().isAfter(now), now::toString);
                for (PlannedSession s : p.course()) {
                    assertFalse(s.postAt().toInstant().isAfter(now), now::toString);
                    assertTrue(s.session().endedAt().isBefore(s.postAt()));
                    assertTrue(s.preAt().isBefore(s.session().startedAt()));
                }
                p.daily().forEach(c -> assertFalse(c.recordedAt().toInstant().isAfter(now), now::toString));
                if (p.booster() != null) {
                    Duration ahead = Duration.between(now, p.booster().scheduledAt().toInstant());
                    assertTrue(ahead.compareTo(Duration.ofDays(6)) > 0 && ahead.compareTo(Duration.ofDays(8)) < 0);
                }
            }
        }
    }

    @Test
    void shouldKeepSessionsWithinClinicalBounds() {
        for (PlannedPatient p : CohortPlan.at(Instant.parse("2026-03-08T06:00:00Z"))) {
            assertEquals(6, p.course().size());
            for (PlannedSession s : p.course()) {
                long minutes = Duration.between(s.session().startedAt(), s.session().endedAt()).toMinutes();
                assertTrue(minutes >= 40 && minutes <= 60, "duration " + minutes);
                double dose = s.session().doseMgPerKg().doubleValue();
                assertTrue(dose >= 0.5 && dose <= 1.0, "dose " + dose);
                assertTrue(s.session().vitals().size() >= 2 && s.session().vitals().size() <= 4);
                for (VitalSign v : s.session().vitals()) {
                    assertTrue(v.systolic() >= 50 && v.systolic() <= 300);
                    assertTrue(v.diastolic() >= 20 && v.diastolic() < v.systolic());
                    assertTrue(v.heartRate() >= 20 && v.heartRate() <= 250);
                    assertTrue(v.spo2() >= 50 && v.spo2() <= 100);
                    assertFalse(v.at().isBefore(s.session().startedAt()) || v.at().isAfter(s.session().endedAt()));
                }
                int effects = s.session().sideEffects().size();
                assertTrue(effects >= 1 && effects <= 2);
            }
        }
    }

    @Test
    void shouldShowEachResponseShapeWhateverTheStart() {
        for (Instant now : starts()) {
            for (PlannedPatient p : CohortPlan.at(now)) {
                double improvement = painImprovementPercent(p, now);
                String where = p.shape() + " at " + now + ": " + improvement + " %";
                switch (p.shape()) {
                    case CLEAR_RESPONDER -> assertTrue(improvement >= 55, where);
                    case PARTIAL_RESPONDER -> assertTrue(improvement >= 22 && improvement <= 40, where);
                    case NON_RESPONDER -> assertTrue(Math.abs(improvement) <= 7, where);
                }
            }
        }
    }

    @Test
    void shouldGiveEveryInfusionAnAcuteEffectButOnlyTheRespondersAFallingPreInfusionPain() {
        Instant now = Instant.parse("2026-10-20T18:00:00Z");
        for (PlannedPatient p : CohortPlan.at(now)) {
            double acute = p.course().stream().mapToInt(s -> s.pre().pain() - s.post().pain()).average().orElseThrow();
            assertTrue(acute >= 1 && acute <= 4, p.shape() + " acute " + acute);
            List<Integer> pre = p.course().stream().map(s -> s.pre().pain()).toList();
            switch (p.shape()) {
                case CLEAR_RESPONDER -> assertTrue(pre.get(5) <= pre.get(0) - 4, "pre-infusion pain " + pre);
                case PARTIAL_RESPONDER -> assertTrue(pre.get(5) < pre.get(0), "pre-infusion pain " + pre);
                case NON_RESPONDER -> assertTrue(Math.abs(pre.get(5) - pre.get(0)) <= 1, "pre-infusion pain " + pre);
            }
        }
    }

    @Test
    void shouldMakeTheRespondersReliefLastLongerWithEachInfusion() {
        for (Instant now : starts()) {
            for (PlannedPatient p : CohortPlan.at(now)) {
                List<Double> days = durabilityDays(p, now);
                String where = p.shape() + " at " + now + ": " + days;
                switch (p.shape()) {
                    case CLEAR_RESPONDER -> {
                        assertTrue(days.get(0) < 1.5, where);
                        assertTrue(days.get(2) >= days.get(0), where);
                        assertTrue(days.get(5) >= 28, where);
                    }
                    case PARTIAL_RESPONDER -> assertTrue(days.stream().allMatch(d -> d <= 6), where);
                    case NON_RESPONDER -> assertTrue(days.stream().allMatch(d -> d < 1), where);
                }
            }
        }
    }

    @Test
    void shouldMissSomeDaysButNeverAnInfusionDay() {
        Instant now = Instant.parse("2026-07-15T22:10:00Z");
        for (PlannedPatient p : CohortPlan.at(now)) {
            ZoneId zone = ZoneId.of(p.enrolment().timezone());
            Set<LocalDate> reported = new HashSet<>();
            all(p).forEach(c -> reported.add(c.recordedAt().atZoneSameInstant(zone).toLocalDate()));
            LocalDate first = p.enrolment().enrolledAt().atZoneSameInstant(zone).toLocalDate();
            long expected = ChronoUnit.DAYS.between(first, LocalDate.ofInstant(now, zone)) + 1;
            assertTrue(reported.size() < expected, p.shape() + " reported every day");
            assertTrue(reported.size() >= expected * 0.8, p.shape() + " reported " + reported.size());
            for (PlannedSession s : p.course()) {
                LocalDate day = s.session().startedAt().atZoneSameInstant(zone).toLocalDate();
                assertTrue(p.daily().stream().anyMatch(c -> c.recordedAt().atZoneSameInstant(zone).toLocalDate()
                        .equals(day)), "no evening report on an infusion day");
            }
            List<Instant> times = all(p).map(c -> c.recordedAt().toInstant()).sorted().toList();
            assertTrue(Duration.between(times.get(0), times.get(times.size() - 1)).toDays() >= 42);
        }
    }

    private static Stream<CheckInRequest> all(PlannedPatient p) {
        return Stream.concat(p.daily().stream(),
                p.course().stream().flatMap(s -> Stream.of(s.preCheckIn(null), s.postCheckIn(null))));
    }

    /**
     * An infusion's durability: days from its end to the first longitudinal pain value less than 30 %
     * below baseline, looking up to the next infusion; to the last value when all of them are relieved.
     */
    private static List<Double> durabilityDays(PlannedPatient p, Instant now) {
        double baseline = baselinePain(p);
        List<CheckInRequest> longitudinal = all(p).filter(c -> c.context() != CheckInContext.POST_INFUSION)
                .sorted((a, b) -> a.recordedAt().compareTo(b.recordedAt())).toList();
        List<Double> days = new ArrayList<>();
        for (int k = 0; k < p.course().size(); k++) {
            Instant end = p.course().get(k).session().endedAt().toInstant();
            Instant next = k + 1 < p.course().size() ? p.course().get(k + 1).session().startedAt().toInstant() : now;
            double last = 0;
            Double firstUnrelieved = null;
            for (CheckInRequest c : longitudinal) {
                Instant at = c.recordedAt().toInstant();
                if (!at.isAfter(end) || !at.isBefore(next)) {
                    continue;
                }
                last = Duration.between(end, at).toMinutes() / 1440.0;
                if ((baseline - c.scores().pain()) / baseline < 0.3) {
                    firstUnrelieved = last;
                    break;
                }
            }
            days.add(firstUnrelieved != null ? firstUnrelieved : last);
        }
        return days;
    }

    private static double baselinePain(PlannedPatient p) {
        Instant firstStart = p.course().get(0).session().startedAt().toInstant();
        List<CheckInRequest> longitudinal = all(p).filter(c -> c.context() != CheckInContext.POST_INFUSION).toList();
        return meanPain(longitudinal, firstStart.minus(Duration.ofDays(14)), firstStart);
    }

    /** The trend's baseline (the 14 days before the first infusion) against the mean of the last 7 days. */
    private static double painImprovementPercent(PlannedPatient p, Instant now) {
        List<CheckInRequest> longitudinal = all(p).filter(c -> c.context() != CheckInContext.POST_INFUSION).toList();
        double baseline = baselinePain(p);
        double recent = meanPain(longitudinal, now.minus(Duration.ofDays(7)), now);
        return (baseline - recent) / baseline * 100;
    }

    private static double meanPain(List<CheckInRequest> checkIns, Instant from, Instant to) {
        return checkIns.stream().filter(c -> !c.recordedAt().toInstant().isBefore(from)
                && !c.recordedAt().toInstant().isAfter(to)).map(CheckInRequest::scores).mapToInt(Scores::pain)
                .average().orElseThrow();
    }
}
