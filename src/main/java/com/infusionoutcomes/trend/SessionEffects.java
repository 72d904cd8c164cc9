package com.infusionoutcomes.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.infusionoutcomes.checkin.CheckInContext;

/** The acute effect and the durability of each infusion. */
final class SessionEffects {

    /** A value at least this much better than baseline (domain-aware percent) counts as relief. */
    static final Fraction RELIEF_PERCENT = Fraction.of(30);

    private SessionEffects() {
    }

    /**
     * @param course the completed sessions that started up to {@code to}, by startedAt
     * @param seen every observation up to {@code to}, by recordedAt
     * @param longitudinal the longitudinal ones among {@code seen}
     * @param baseline the unrounded baseline, or null
     */
    static List<Trend.SessionEffect> of(List<CompletedSession> course, List<Observation> seen,
            List<Durability> durabilities, Direction direction) {
        // The latest, not the first: a re-entered pre-infusion score is the patient's correction. One pass keeps the
        // last PRE and POST value of each session, as seen comes by recordedAt.
        Map<UUID, Fraction> pres = new HashMap<>();
        Map<UUID, Fraction> posts = new HashMap<>();
        for (Observation o : seen) {
            if (o.value() != null && o.sessionId() != null) {
                if (o.context() == CheckInContext.PRE_INFUSION) {
                    pres.put(o.sessionId(), o.value());
                } else if (o.context() == CheckInContext.POST_INFUSION) {
                    posts.put(o.sessionId(), o.value());
                }
            }
        }
        List<Trend.SessionEffect> effects = new ArrayList<>(course.size());
        for (int i = 0; i < course.size(); i++) {
            CompletedSession session = course.get(i);
            Fraction pre = pres.get(session.sessionId());
            Fraction post = posts.get(session.sessionId());
            Fraction acutePercent = pre == null || post == null ? null : direction.improvementPercent(pre, post);
            Durability durability = durabilities.get(i);
            effects.add(new Trend.SessionEffect(session.sessionId(), session.number(), session.startedAt(),
                    pre == null ? null : pre.rounded(2), post == null ? null : post.rounded(2),
                    pre == null || post == null ? null : post.minus(pre).rounded(2),
                    acutePercent == null ? null : acutePercent.rounded(1),
                    durability == null ? null : durability.days().rounded(1),
                    durability == null ? null : durability.censored()));
        }
        return effects;
    }

    /**
     * How long each infusion's relief lasted, unrounded, in the order of {@code course}; an entry is null when it is
     * unknown (no value after the session, or no usable baseline).
     *
     * @param course the completed sessions that started up to {@code to}, by startedAt
     * @param longitudinal the longitudinal values up to {@code to}, by recordedAt
     * @param baseline the unrounded baseline, or null
     */
    static List<Durability> durabilities(List<CompletedSession> course, List<Observation> longitudinal,
            Fraction baseline, Direction direction) {
        List<Durability> durabilities = new ArrayList<>(course.size());
        for (int i = 0; i < course.size(); i++) {
            // Relief after an infusion is attributed to it until the next one starts.
            Instant until = i + 1 < course.size() ? course.get(i + 1).startedAt() : null;
            durabilities.add(durability(course.get(i), until, longitudinal, baseline, direction));
        }
        return durabilities;
    }

    /** @param censored relief had not ended at the last value: {@code days} is a lower bound */
    record Durability(Fraction days, boolean censored) {
    }

    private static Durability durability(CompletedSession session, Instant until, List<Observation> longitudinal,
            Fraction baseline, Direction direction) {
        if (baseline == null || baseline.signum() == 0) {
            return null;
        }
        Instant ended = session.endedAt();
        // The values after the session and before the next one: a run of longitudinal, which comes by recordedAt.
        int start = firstAfter(longitudinal, ended);
        int end = start;
        while (end < longitudinal.size() && (until == null || longitudinal.get(end).recordedAt().isBefore(until))) {
            end++;
        }
        if (start == end) {
            return null;
        }
        for (int i = start; i < end; i++) {
            Observation o = longitudinal.get(i);
            Fraction improvement = direction.improvementPercent(baseline, o.value());
            if (improvement.compareTo(RELIEF_PERCENT) < 0) {
                return new Durability(Fraction.days(Duration.between(ended, o.recordedAt())), false);
            }
        }
        Instant last = longitudinal.get(end - 1).recordedAt();
        return new Durability(Fraction.days(Duration.between(ended, last)), true);
    }

    /** The index of the first value recorded after {@code at}, or the size when there is none. */
    private static int firstAfter(List<Observation> longitudinal, Instant at) {
        int low = 0;
        int high = longitudinal.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (longitudinal.get(middle).recordedAt().isAfter(at)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
