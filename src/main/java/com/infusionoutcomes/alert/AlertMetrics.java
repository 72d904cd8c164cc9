package com.infusionoutcomes.alert;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code infusion_alerts_raised_total{rule,severity}}: new alerts; {@code infusion_alerts_retriggered_total}: repeat
 * triggers counted on an alert that was still unresolved. Both after the commit of the triggering write, so a
 * trigger whose write failed never counts. Every rule is exported from 0.
 */
@Startup
@ApplicationScoped
class AlertMetrics {

    private final Map<AlertRule, Counter> raised = new EnumMap<>(AlertRule.class);
    private final Map<AlertRule, Counter> retriggered = new EnumMap<>(AlertRule.class);

    AlertMetrics(MeterRegistry registry) {
        for (AlertRule rule : AlertRule.values()) {
            raised.put(rule, counter(registry, "infusion.alerts.raised", "New safety alerts", rule));
            retriggered.put(rule, counter(registry, "infusion.alerts.retriggered",
                    "Repeat triggers counted on an unresolved alert", rule));
        }
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertRaised event) {
        (event.repeat() ? retriggered : raised).get(event.rule()).increment();
    }

    private static Counter counter(MeterRegistry registry, String name, String description, AlertRule rule) {
        return Counter.builder(name).description(description)
                .tag("rule", rule.name())
                .tag("severity", rule.severity().name())
                .register(registry);
    }
}
