package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * When the next infusion is due in one domain, from how long the relief of the patient's infusions lasted (their
 * durability, as {@link Trend.SessionEffect} reports it). Let L be the latest completed infusion:
 * <ul>
 * <li>L's relief has ended (durability known, not censored): RELIEF_ENDED, due on the local date of L's end plus
 * L's durability;</li>
 * <li>else the up to 3 most recent completed infusions before L whose relief has ended give the expected relief,
 * the median of their durabilities (FORECAST), due on the local date of L's end plus that median;</li>
 * <li>with none of those, INSUFFICIENT_DATA, and no due date.</li>
 * </ul>
 * Days are added to the patient's local calendar date, whole days rounded half-up from the unrounded durability,
 * so a daylight-saving change never moves the due date.
 *
 * @param dueOn the patient's local date the booster is due on; null with INSUFFICIENT_DATA
 * @param expectedReliefDays the durability the due date adds (L's own for RELIEF_ENDED, the median for FORECAST),
 *        to 1 place of a day; null with INSUFFICIENT_DATA
 * @param basedOnSessionIds the infusions whose durability gave {@code expectedReliefDays}, most recent first
 * @param reliefHeldAtLeastDays L's durability when its relief had not ended at the latest value (a lower bound),
 *        to 1 place of a day; else null
 * @param covered whether a SCHEDULED infusion after L starts on or before {@code dueOn} (the patient's local
 *        date); null when there is no {@code dueOn}
 */
public record BoosterForecast(BoosterStatus status, LocalDate dueOn, BigDecimal expectedReliefDays,
        List<UUID> basedOnSessionIds, BigDecimal reliefHeldAtLeastDays, Boolean covered) {

    /** How many earlier infusions a forecast takes at most. */
    static final int RECENT_INFUSIONS = 3;

    public BoosterForecast {
        basedOnSessionIds = List.copyOf(basedOnSessionIds);
    }

    private static final BoosterForecast NO_INFUSION = new BoosterForecast(BoosterStatus.INSUFFICIENT_DATA, null,
            null, List.of(), null, null);

    /**
     * @param course the completed sessions up to {@code to}, by startedAt
     * @param durabilities each session's durability, as {@link SessionEffects#durabilities} gives them
     * @param scheduled when the patient's SCHEDULED sessions are to start, in any order
     */
    static BoosterForecast of(List<CompletedSession> course, List<SessionEffects.Durability> durabilities,
            ZoneId zone, List<Instant> scheduled) {
        if (course.isEmpty()) {
            return NO_INFUSION;
        }
        int last = course.size() - 1;
        CompletedSession latest = course.get(last);
        SessionEffects.Durability own = durabilities.get(last);
        LocalDate ended = LocalDate.ofInstant(latest.endedAt(), zone);
        if (own != null && !own.censored()) {
            LocalDate dueOn = ended.plusDays(wholeDays(own.days()));
            return new BoosterForecast(BoosterStatus.RELIEF_ENDED, dueOn, own.days().rounded(1),
                    List.of(latest.sessionId()), null, covered(latest, dueOn, zone, scheduled));
        }
        BigDecimal heldAtLeast = own == null ? null : own.days().rounded(1);
        List<UUID> basis = new ArrayList<>();
        List<Fraction> days = new ArrayList<>();
        for (int i = last - 1; i >= 0 && basis.size() < RECENT_INFUSIONS; i--) {
            SessionEffects.Durability d = durabilities.get(i);
            if (d != null && !d.censored()) {
                basis.add(course.get(i).sessionId());
                days.add(d.days());
            }
        }
        if (basis.isEmpty()) {
            return new BoosterForecast(BoosterStatus.INSUFFICIENT_DATA, null, null, List.of(), heldAtLeast, null);
        }
        Fraction median = median(days);
        LocalDate dueOn = ended.plusDays(wholeDays(median));
        return new BoosterForecast(BoosterStatus.FORECAST, dueOn, median.rounded(1), basis, heldAtLeast,
                covered(latest, dueOn, zone, scheduled));
    }

    /** Whether the due date is at most {@code days} days after {@code today}, or already past. */
    public boolean dueWithin(LocalDate today, int days) {
        return dueOn != null && !dueOn.isAfter(today.plusDays(days));
    }

    /** The middle value, or the mean of the two middle ones. */
    static Fraction median(List<Fraction> values) {
        List<Fraction> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : Fraction.mean(List.of(sorted.get(middle - 1), sorted.get(middle)));
    }

    private static long wholeDays(Fraction days) {
        return days.rounded(0).longValueExact();
    }

    /** A booking made for before L ended is not the next infusion (a stale one never updated), so it does not count. */
    private static boolean covered(CompletedSession latest, LocalDate dueOn, ZoneId zone, List<Instant> scheduled) {
        return scheduled.stream().anyMatch(at -> at.isAfter(latest.endedAt())
                && !LocalDate.ofInstant(at, zone).isAfter(dueOn));
    }
}
