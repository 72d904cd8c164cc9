package com.infusionoutcomes.alert;

import jakarta.interceptor.Interceptor;

/**
 * When each rule observes a write (CDI runs lower priorities first). The rules that need nothing but the event
 * run first, in the order their alerts were always raised, so whatever else observes the write sees their alerts;
 * the rules that read a patient's stored figures run after the observers that keep them
 * ({@link #AFTER_FIGURES}).
 */
final class RuleOrder {

    static final int SELF_HARM_RISK = Interceptor.Priority.APPLICATION;
    static final int DEPRESSION_SEVERE = SELF_HARM_RISK + 1;
    static final int SEVERE_SIDE_EFFECT = SELF_HARM_RISK + 2;
    static final int BLOOD_PRESSURE = SELF_HARM_RISK + 3;
    static final int MISSED_CHECK_INS = SELF_HARM_RISK + 4;
    /**
     * The rules that read a patient's stored figures ({@link WorseningRule}, {@link BoosterDueRule}) observe a write
     * after the observer that updates them: {@code OutcomeSummaries.PRIORITY} is lower.
     */
    static final int AFTER_FIGURES = Interceptor.Priority.APPLICATION + 500;

    private RuleOrder() {
    }
}
