package com.infusionoutcomes.alert;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.infusionoutcomes.session.SessionChanged;
import com.infusionoutcomes.session.Severity;
import com.infusionoutcomes.session.SideEffect;

/**
 * SEVERE_SIDE_EFFECT: a side effect of severity SEVERE recorded on an infusion session. On a change only a side
 * effect that was not there before raises it again; the first such one names the alert.
 */
@ApplicationScoped
class SevereSideEffectRule {

    private final AlertService alerts;

    SevereSideEffectRule(AlertService alerts) {
        this.alerts = alerts;
    }

    void sessionChanged(@Observes @Priority(RuleOrder.SEVERE_SIDE_EFFECT) SessionChanged event) {
        if (event.after().sideEffects() == null) {
            return;
        }
        List<SideEffect> before = event.before() == null || event.before().sideEffects() == null ? List.of()
                : event.before().sideEffects();
        event.after().sideEffects().stream()
                .filter(e -> e.severity() == Severity.SEVERE && !before.contains(e))
                .findFirst()
                .ifPresent(e -> alerts.raise(event.patientId(), AlertRule.SEVERE_SIDE_EFFECT, "InfusionSession",
                        event.sessionId(), "SEVERE side effect recorded: " + e.type()));
    }
}
