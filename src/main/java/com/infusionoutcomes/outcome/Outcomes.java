package com.infusionoutcomes.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Fraction;
import com.infusionoutcomes.trend.Trend;

/**
 * The clinic outcomes as a pure function of the patients' own trends: every per-patient figure (completed
 * infusions, category, each infusion's durability) is the one the trend endpoint answers for that patient, so
 * the caseload's figures add up the patients' and never redefine them.
 */
final class Outcomes {

    /** The induction series most clinics book: the funnel and the per-infusion durability run to it. */
    static final int INDUCTION = 6;
    /** The categories a domain's trend can have, in the order of the bands. */
    static final List<Category> DOMAIN_CATEGORIES = List.of(Category.SUBSTANTIAL, Category.MODERATE,
            Category.MINIMAL, Category.NO_CHANGE, Category.WORSENED, Category.INSUFFICIENT_DATA);
    private static final Fraction PHQ9_ELIGIBLE = Fraction.of(10);
    private static final Fraction PHQ9_REMISSION_BELOW = Fraction.of(5);

    private Outcomes() {
    }

    /**
     * One patient as the outcomes see them.
     *
     * @param trend the patient's trend in the domain, with {@code to} the outcomes' {@code to}
     * @param phq9 the patient's PHQ-9 scores up to {@code to}, oldest first
     */
    record PatientCourse(Trend trend, List<BigDecimal> phq9) {

        PatientCourse {
            phq9 = List.copyOf(phq9);
        }

        /** Whether the first completed infusion (up to {@code to}) started in [from, to]. */
        boolean startedIn(Instant from) {
            return !trend.sessions().isEmpty()
                    && (from == null || !trend.sessions().get(0).startedAt().isBefore(from));
        }
    }

    /** @param caseload every patient of the caseload; those who did not start in the window are left out here */
    static ClinicOutcomes compute(Domain domain, Instant from, Instant to, List<PatientCourse> caseload) {
        List<PatientCourse> cohort = caseload.stream().filter(p -> p.startedIn(from)).toList();
        int started = cohort.size();

        List<ClinicOutcomes.RetentionStep> retention = new ArrayList<>();
        for (int k = 1; k <= INDUCTION; k++) {
            int atLeast = k;
            int patients = (int) cohort.stream().filter(p -> p.trend().sessions().size() >= atLeast).count();
            retention.add(new ClinicOutcomes.RetentionStep(k, patients,
                    started == 0 ? null : Fraction.of(100L * patients, started).rounded(1)));
        }

        Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        cohort.forEach(p -> byCategory.merge(p.trend().category(), 1, Integer::sum));
        List<ClinicOutcomes.CategoryCount> categories = DOMAIN_CATEGORIES.stream()
                .map(c -> new ClinicOutcomes.CategoryCount(c, byCategory.getOrDefault(c, 0))).toList();
        int categorised = started - byCategory.getOrDefault(Category.INSUFFICIENT_DATA, 0);
        int responders = byCategory.getOrDefault(Category.SUBSTANTIAL, 0)
                + byCategory.getOrDefault(Category.MODERATE, 0);

        List<ClinicOutcomes.Durability> durability = new ArrayList<>();
        for (int n = 1; n <= INDUCTION + 1; n++) {
            durability.add(durability(cohort, n, n == INDUCTION + 1));
        }

        return new ClinicOutcomes(domain, from, to, started, retention, categories,
                proportion(responders, categorised), durability, phq9(cohort));
    }

    private static ClinicOutcomes.Durability durability(List<PatientCourse> cohort, int n, boolean andLater) {
        List<Trend.SessionEffect> infusions = cohort.stream().flatMap(p -> p.trend().sessions().stream())
                .filter(s -> andLater ? s.number() >= n : s.number() == n).toList();
        List<KaplanMeier.Time> times = infusions.stream().filter(s -> s.durabilityDays() != null)
                .map(s -> new KaplanMeier.Time(s.durabilityDays(), s.durabilityCensored())).toList();
        KaplanMeier.Estimate estimate = KaplanMeier.of(times);
        List<ClinicOutcomes.CurvePoint> curve = estimate.steps().stream()
                .map(s -> new ClinicOutcomes.CurvePoint(s.days(), s.atRisk(), s.events(), s.censored(),
                        s.survival().rounded(4)))
                .toList();
        return new ClinicOutcomes.Durability(n, andLater, infusions.size(), estimate.n(), estimate.events(),
                estimate.censored(), estimate.median(), curve);
    }

    /**
     * First and latest by recordedAt, as the trend of the PHQ-9 orders them; a response is a drop of at least
     * 50 % (latest ≤ first / 2), remission a latest score below 5.
     */
    private static ClinicOutcomes.Phq9Outcomes phq9(List<PatientCourse> cohort) {
        int eligible = 0;
        int followedUp = 0;
        int response = 0;
        int remission = 0;
        for (PatientCourse p : cohort) {
            if (p.phq9().isEmpty()) {
                continue;
            }
            Fraction first = Fraction.of(p.phq9().get(0));
            if (first.compareTo(PHQ9_ELIGIBLE) < 0) {
                continue;
            }
            eligible++;
            if (p.phq9().size() < 2) {
                continue;
            }
            followedUp++;
            Fraction latest = Fraction.of(p.phq9().get(p.phq9().size() - 1));
            if (latest.times(Fraction.of(2)).compareTo(first) <= 0) {
                response++;
            }
            if (latest.compareTo(PHQ9_REMISSION_BELOW) < 0) {
                remission++;
            }
        }
        return new ClinicOutcomes.Phq9Outcomes(eligible, followedUp, proportion(response, followedUp),
                proportion(remission, followedUp));
    }

    static ClinicOutcomes.Proportion proportion(int patients, int of) {
        if (of == 0) {
            return new ClinicOutcomes.Proportion(patients, of, null, null, null);
        }
        WilsonInterval interval = WilsonInterval.of(patients, of);
        return new ClinicOutcomes.Proportion(patients, of, Fraction.of(100L * patients, of).rounded(1),
                percent(interval.lower()), percent(interval.upper()));
    }

    private static BigDecimal percent(double proportion) {
        BigDecimal rounded = BigDecimal.valueOf(proportion * 100).setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
