package com.infusionoutcomes.alert;

import java.util.List;
import java.util.Objects;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.infusionoutcomes.session.SessionChanged;
import com.infusionoutcomes.session.VitalSign;

/**
 * BLOOD_PRESSURE: a vital sign at or above {@value #SYSTOLIC_LIMIT} systolic or {@value #DIASTOLIC_LIMIT}
 * diastolic mmHg recorded on an infusion session. On a change only a reading that was not there before raises it
 * again; the first such one names the alert.
 */
@ApplicationScoped
public class BloodPressureRule {

    static final int SYSTOLIC_LIMIT = 180;
    static final int DIASTOLIC_LIMIT = 110;

    private final AlertService alerts;

    BloodPressureRule(AlertService alerts) {
        this.alerts = alerts;
    }

    /** At or above the blood pressure that raises the alert: what a report flags. */
    public static boolean isHigh(VitalSign v) {
        return (v.systolic() != null && v.systolic() >= SYSTOLIC_LIMIT)
                || (v.diastolic() != null && v.diastolic() >= DIASTOLIC_LIMIT);
    }

    void sessionChanged(@Observes @Priority(RuleOrder.BLOOD_PRESSURE) SessionChanged event) {
        if (event.after().vitals() == null) {
            return;
        }
        List<VitalSign> before = event.before() == null || event.before().vitals() == null ? List.of()
                : event.before().vitals();
        event.after().vitals().stream()
                .filter(BloodPressureRule::isHigh)
                .filter(v -> before.stream().noneMatch(o -> sameReading(o, v)))
                .findFirst()
                .ifPresent(v -> alerts.raise(event.patientId(), AlertRule.BLOOD_PRESSURE, "InfusionSession",
                        event.sessionId(), "Blood pressure " + (v.systolic() == null ? "?" : v.systolic()) + "/"
                                + (v.diastolic() == null ? "?" : v.diastolic()) + " mmHg at " + v.at().toInstant()));
    }

    private static boolean sameReading(VitalSign a, VitalSign b) {
        return a.at().toInstant().equals(b.at().toInstant()) && Objects.equals(a.systolic(), b.systolic())
                && Objects.equals(a.diastolic(), b.diastolic());
    }
}
