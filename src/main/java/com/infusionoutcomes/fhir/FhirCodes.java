package com.infusionoutcomes.fhir;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.trend.Domain;

/**
 * The code systems the export uses. Two are the service's own, at stable URIs documented in docs/api-guide.md and the
 * OpenAPI contract: the domains (only pain has a LOINC code for its 0-10 item) and the context of a
 * check-in. Their codes are the API's own words ({@code sleep}, {@code PRE_INFUSION}).
 */
public final class FhirCodes {

    public static final String DOMAIN_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/domain";
    public static final String CHECK_IN_CONTEXT_SYSTEM = "https://infusion-outcomes.org/fhir/CodeSystem/check-in-context";

    public static final String LOINC = "http://loinc.org";
    public static final String PAIN_LOINC = "72514-3";
    public static final String PAIN_LOINC_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
    /** LOINC publishes each panel as a Questionnaire under this base. */
    public static final String LOINC_QUESTIONNAIRE_BASE = "http://loinc.org/q/";

    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
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
