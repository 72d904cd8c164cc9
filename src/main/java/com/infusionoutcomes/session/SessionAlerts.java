package com.infusionoutcomes.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.infusionoutcomes.alert.AlertRule;

/**
 * The alert rules an infusion session fires: a SEVERE side effect, and a blood pressure at or above
 * 180 systolic or 110 diastolic. On a change, only entries that were not there before fire again.
 */
final class SessionAlerts {

    static final int SYSTOLIC_LIMIT = 180;
    static final int DIASTOLIC_LIMIT = 110;

    record Trigger(AlertRule rule, String detail) {
    }

    private SessionAlerts() {
    }

    static List<Trigger> triggers(SessionRequest before, SessionRequest after) {
        List<Trigger> triggers = new ArrayList<>();
        List<SideEffect> oldEffects = before == null || before.sideEffects() == null ? List.of() : before.sideEffects();
        List<VitalSign> oldVitals = before == null || before.vitals() == null ? List.of() : before.vitals();
        if (after.sideEffects() != null) {
            after.sideEffects().stream()
                    .filter(e -> e.severity() == Severity.SEVERE && !oldEffects.contains(e))
                    .findFirst()
                    .ifPresent(e -> triggers.add(new Trigger(AlertRule.SEVERE_SIDE_EFFECT,
                            "SEVERE side effect recorded: " + e.type())));
        }
        if (after.vitals() != null) {
            after.vitals().stream()
                    .filter(SessionAlerts::highBloodPressure)
                    .filter(v -> oldVitals.stream().noneMatch(o -> sameReading(o, v)))
                    .findFirst()
                    .ifPresent(v -> triggers.add(new Trigger(AlertRule.BLOOD_PRESSURE,
                            "Blood pressure " + (v.systolic() == null ? "?" : v.systolic()) + "/"
                                    + (v.diastolic() == null ? "?" : v.diastolic()) + " mmHg at "
                                    + v.at().toInstant())));
        }
        return triggers;
    }

    static boolean highBloodPressure(VitalSign v) {
        return (v.systolic() != null && v.systolic() >= SYSTOLIC_LIMIT)
                || (v.diastolic() != null && v.diastolic() >= DIASTOLIC_LIMIT);
    }

    private static boolean sameReading(VitalSign a, VitalSign b) {
        return a.at().toInstant().equals(b.at().toInstant()) && Objects.equals(a.systolic(), b.systolic())
                && Objects.equals(a.diastolic(), b.diastolic());
    }
}
