package com.infusionoutcomes.fhir;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

import com.infusionoutcomes.alert.AlertRule;
import com.infusionoutcomes.alert.AlertStatus;
import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Domain;

/**
 * The code systems the export uses. Some are the service's own, at stable URIs documented in docs/api-guide.md and
 * the OpenAPI contract: the domains (only pain has a LOINC code for its 0-10 item), the context of a check-in, the
 * alert rules and what a clinician did about an alert, and the parts of a booster forecast. Their codes are the
 * API's own words ({@code sleep}, {@code PRE_INFUSION}, {@code SELF_HARM_RISK}, {@code FORECAST}).
 */
public final class FhirCodes {

    public static final String DOMAIN_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/domain";
    public static final String CHECK_IN_CONTEXT_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/check-in-context";
    public static final String ALERT_RULE_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/alert-rule";
    public static final String ALERT_ACTION_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/alert-action";
    public static final String BOOSTER_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/booster-forecast";
    /** When an unresolved alert's condition stopped holding: a dateTime on the DetectedIssue. */
    public static final String CONDITION_CLEARED_EXTENSION =
            "https://infusion-outcomes.org/fhir/StructureDefinition/alert-condition-cleared";

    /** The codes of {@link #BOOSTER_SYSTEM}: the forecast itself, its parts, and its statuses (BoosterStatus). */
    public static final String BOOSTER_DUE = "booster-due";
    public static final String BOOSTER_DOMAIN = "domain";
    public static final String BOOSTER_STATUS = "status";
    public static final String BOOSTER_EXPECTED_RELIEF = "expected-relief";
    public static final String BOOSTER_RELIEF_HELD = "relief-held-at-least";
    public static final String BOOSTER_COVERED = "covered";
    public static final String BOOSTER_BASED_ON = "based-on-infusion";

    public static final String LOINC = "http://loinc.org";
    public static final String PAIN_LOINC = "72514-3";
    public static final String PAIN_LOINC_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
    /** LOINC publishes each panel as a Questionnaire under this base. */
    public static final String LOINC_QUESTIONNAIRE_BASE = "http://loinc.org/q/";

    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String KETAMINE_RXNORM = "6130";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String INTRAVENOUS_ROUTE_SNOMED = "47625008";
    public static final String UCUM = "http://unitsofmeasure.org";

    private FhirCodes() {
    }

    /** The question shown to the patient for the domain, the display of its code. */
    static String question(Domain domain) {
        return switch (domain) {
            case PAIN -> "Average pain over the last 24 hours (0 no pain - 10 worst pain imaginable)";
            case SLEEP -> "Quality of last night's sleep (0 worst possible sleep - 10 best possible sleep)";
            case MOBILITY -> "How well you could move and do daily activities today (0 unable - 10 no limitation)";
            case MOOD -> "Overall mood today (0 worst possible mood - 10 best possible mood)";
        };
    }

    static String describe(CheckInContext context) {
        return switch (context) {
            case PRE_INFUSION -> "Reported right before an infusion";
            case POST_INFUSION -> "Reported right after an infusion";
            case DAILY -> "Reported on an ordinary day";
        };
    }

    /** The domains as a FHIR CodeSystem, the definition behind {@link #DOMAIN_SYSTEM}. */
    public static CodeSystem domainCodeSystem() {
        CodeSystem system = codeSystem(DOMAIN_SYSTEM, "InfusionOutcomesDomain", "Infusion outcomes domains",
                "The four patient-reported 0-10 numeric rating scales of infusion-outcomes. Pain is also coded "
                        + "LOINC 72514-3; sleep, mobility and mood have no LOINC code for a 0-10 item.");
        for (Domain domain : Domain.values()) {
            system.addConcept().setCode(domain.path()).setDisplay(question(domain))
                    .setDefinition(question(domain) + "; " + domain.direction().name().toLowerCase().replace('_', ' '));
        }
        return system;
    }

    /** When a check-in was reported, the definition behind {@link #CHECK_IN_CONTEXT_SYSTEM}. */
    public static CodeSystem checkInContextCodeSystem() {
        CodeSystem system = codeSystem(CHECK_IN_CONTEXT_SYSTEM, "InfusionOutcomesCheckInContext",
                "Infusion outcomes check-in context",
                "When a patient reported: right before or after an infusion session, or on an ordinary day.");
        for (CheckInContext context : CheckInContext.values()) {
            system.addConcept().setCode(context.name()).setDisplay(describe(context)).setDefinition(describe(context));
        }
        return system;
    }

    static String describe(AlertRule rule) {
        return switch (rule) {
            case SELF_HARM_RISK -> "PHQ-9 item 9 (thoughts of self-harm) answered above 0";
            case DEPRESSION_SEVERE -> "PHQ-9 total of 20 or more";
            case SEVERE_SIDE_EFFECT -> "A severe side effect recorded on an infusion";
            case BLOOD_PRESSURE -> "Blood pressure at or above 180/110 mmHg during an infusion";
            case WORSENING -> "Pain or mood worse than baseline (trend category WORSENED)";
            case BOOSTER_DUE -> "Booster infusion due soon and none scheduled";
            case MISSED_CHECK_INS -> "No check-in for 7 days during active treatment";
        };
    }

    /** Why an alert was raised, the definition behind {@link #ALERT_RULE_SYSTEM}: the API's rule names. */
    public static CodeSystem alertRuleCodeSystem() {
        CodeSystem system = codeSystem(ALERT_RULE_SYSTEM, "InfusionOutcomesAlertRule", "Infusion outcomes alert rule",
                "The rule that raised a safety alert; defined in docs/clinical-model.md.");
        for (AlertRule rule : AlertRule.values()) {
            system.addConcept().setCode(rule.name()).setDisplay(describe(rule)).setDefinition(describe(rule));
        }
        return system;
    }

    /** What a clinician did about an alert, the definition behind {@link #ALERT_ACTION_SYSTEM}. */
    public static CodeSystem alertActionCodeSystem() {
        CodeSystem system = codeSystem(ALERT_ACTION_SYSTEM, "InfusionOutcomesAlertAction",
                "Infusion outcomes alert action", "What a clinician of the care team did about a safety alert.");
        system.addConcept().setCode(AlertStatus.ACKNOWLEDGED.name()).setDisplay("Acknowledged")
                .setDefinition("A clinician has seen the alert and is acting on it");
        system.addConcept().setCode(AlertStatus.RESOLVED.name()).setDisplay("Resolved")
                .setDefinition("A clinician closed the alert, with a note");
        return system;
    }

    /** The parts of a booster forecast and its statuses, the definition behind {@link #BOOSTER_SYSTEM}. */
    public static CodeSystem boosterCodeSystem() {
        CodeSystem system = codeSystem(BOOSTER_SYSTEM, "InfusionOutcomesBoosterForecast",
                "Infusion outcomes booster forecast",
                "When a patient's next ketamine infusion is due, from how long the relief of earlier infusions lasted;"
                        + " defined in docs/clinical-model.md.");
        concept(system, BOOSTER_DUE, "Booster infusion due date (forecast)",
                "The local date the next infusion is due on, from the durability of the patient's infusions");
        concept(system, BOOSTER_DOMAIN, "Domain the forecast is timed by", "The domain whose relief is measured");
        concept(system, BOOSTER_STATUS, "How the forecast was reached", "RELIEF_ENDED, FORECAST or INSUFFICIENT_DATA");
        concept(system, BOOSTER_EXPECTED_RELIEF, "Expected relief",
                "Days of relief the due date adds to the end of the latest infusion");
        concept(system, BOOSTER_RELIEF_HELD, "Relief held at least",
                "Days the latest infusion's relief has held so far, when it has not ended");
        concept(system, BOOSTER_COVERED, "Covered by a scheduled infusion",
                "Whether a scheduled infusion starts on or before the due date");
        concept(system, BOOSTER_BASED_ON, "Infusion the expected relief is based on",
                "An infusion whose relief duration gave the expected relief");
        concept(system, BoosterStatus.RELIEF_ENDED.name(), "Relief ended",
                "The latest infusion's relief has ended: the booster was due on the day it did");
        concept(system, BoosterStatus.FORECAST.name(), "Forecast",
                "The latest infusion's relief is expected to last the median of up to 3 earlier infusions' relief");
        concept(system, BoosterStatus.INSUFFICIENT_DATA.name(), "Insufficient data",
                "No earlier infusion's relief is known to have ended");
        return system;
    }

    private static void concept(CodeSystem system, String code, String display, String definition) {
        system.addConcept().setCode(code).setDisplay(display).setDefinition(definition);
    }

    private static CodeSystem codeSystem(String url, String name, String title, String description) {
        CodeSystem system = new CodeSystem();
        system.setUrl(url);
        system.setName(name);
        system.setTitle(title);
        system.setStatus(PublicationStatus.ACTIVE);
        system.setDescription(description);
        system.setCaseSensitive(true);
        system.setContent(CodeSystemContentMode.COMPLETE);
        return system;
    }
}
