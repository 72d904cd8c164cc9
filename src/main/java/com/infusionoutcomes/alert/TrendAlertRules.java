package com.infusionoutcomes.alert;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.summary.OutcomeSummaries;
import com.infusionoutcomes.summary.OutcomeSummary;
import com.infusionoutcomes.trend.Domain;

/**
 * What the rules that read a patient's figures share: they observe the writes after the outcome summary is
 * updated ({@link #AFTER_FIGURES}) and decide from it, each rule in its own class ({@link WorseningRule},
 * {@link BoosterDueRule}).
 */
@ApplicationScoped
public class TrendAlertRules {

    /**
     * Rules observe a write after the observers that update what they read (CDI runs lower priorities first):
     * {@link OutcomeSummaries#PRIORITY} is lower.
     */
    public static final int AFTER_FIGURES = jakarta.interceptor.Interceptor.Priority.APPLICATION + 500;

    private final BoosterDueRule boosterDue;

    TrendAlertRules(BoosterDueRule boosterDue) {
        this.boosterDue = boosterDue;
    }

    /**
     * BOOSTER_DUE alone as of {@code now}, for the scheduled scan: the days passing move nothing else.
     *
     * @return whether an alert was raised (or counted for a new latest infusion)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean boosterDue(UUID patientId, Instant now) {
        return boosterDue.decide(patientId, now);
    }

    /**
     * The patient's stored summary in the domain; computed and stored first for a patient that has none yet (one
     * enrolled before the summaries existed, before the startup backfill reached them).
     */
    static OutcomeSummary summary(OutcomeSummaries summaries, UUID patientId, Domain domain) {
        return summaries.find(patientId, domain).orElseGet(() -> {
            summaries.rebuild(patientId);
            return summaries.find(patientId, domain).orElseThrow();
        });
    }
}
