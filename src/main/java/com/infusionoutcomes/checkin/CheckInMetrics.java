package com.infusionoutcomes.checkin;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code infusion_checkins_stored_total{context}}: check-ins committed to the database. Counted after the commit,
 * so a rolled-back insert and an identical retry (answered 200, nothing stored) never count. Started eagerly so
 * every context is exported from 0, and a rate is defined before the first check-in.
 */
@Startup
@ApplicationScoped
class CheckInMetrics {

    private final Map<CheckInContext, Counter> stored = new EnumMap<>(CheckInContext.class);

    CheckInMetrics(MeterRegistry registry) {
        for (CheckInContext context : CheckInContext.values()) {
            stored.put(context, Counter.builder("infusion.checkins.stored")
                    .description("Check-ins committed to the database")
                    .tag("context", context.name())
                    .register(registry));
        }
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) CheckInStored event) {
        stored.get(event.context()).increment();
    }
}
