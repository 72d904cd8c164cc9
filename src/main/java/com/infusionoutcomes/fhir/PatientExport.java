package com.infusionoutcomes.fhir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import com.infusionoutcomes.alert.AlertResponse;
import com.infusionoutcomes.alert.AlertStatus;
import com.infusionoutcomes.checkin.CheckIn;
import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.questionnaire.InstrumentItem;
import com.infusionoutcomes.questionnaire.InstrumentResponse;
import com.infusionoutcomes.session.InfusionSession;
import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.trend.BoosterForecast;
import com.infusionoutcomes.trend.Domain;

/**
 * One patient's record as a FHIR R4 Bundle of type collection, with the booster forecasts and the safety alerts: a
 * pure translation of what is stored and computed, with no clock, database or framework, so every mapping is tested
 * on its own.
 *
 * <p>Every entry's fullUrl is {@code urn:uuid:<id>} and every reference points at one of them, so the bundle
 * stands alone. A resource that is one of our records carries that record's id; the ones derived from a record (a
 * domain score of a check-in, the dose of a session, the score of a questionnaire response) get a name-based UUID
 * of the record's id, so exporting twice gives the same ids and a receiver can recognise what it already has.
 * Times carry the patient's UTC offset at that instant, so a receiver sees the local time of day the patient
 * reported at.
 */
public final class PatientExport {

    private final com.infusionoutcomes.patient.Patient patient;
    private final ZoneId zone;
    private final Reference subject;
    private final Bundle bundle = new Bundle();
    /** The entries each stored record became: what an alert raised by that record implicates. */
    private final Map<UUID, List<UUID>> recordEntries = new HashMap<>();
    /** The completed sessions in treatment order: infusion #n is the n-th. */
    private final List<InfusionSession> completed = new ArrayList<>();

    private PatientExport(com.infusionoutcomes.patient.Patient patient) {
        this.patient = patient;
        this.zone = ZoneId.of(patient.timezone);
        this.subject = reference(patient.id);
    }

    /** The record alone, without forecasts or alerts. */
    public static Bundle bundle(com.infusionoutcomes.patient.Patient patient, List<InfusionSession> sessions,
            List<CheckIn> checkIns, List<com.infusionoutcomes.questionnaire.QuestionnaireResponse> responses,
            Instant exportedAt) {
        return bundle(patient, sessions, checkIns, responses, Workflow.NONE, exportedAt);
    }

    /**
     * What the service concluded from the record and did about it: the booster forecast of each domain as of the
     * export, and the patient's safety alerts, resolved ones included.
     *
     * @param forecasts one per domain, as the trend endpoint gives them
     * @param alerts    every alert of the patient, in any order
     * @param staff     the display names of the clinicians who acknowledged or resolved them, by user id
     */
    public record Workflow(List<DomainForecast> forecasts, List<AlertResponse> alerts, Map<UUID, String> staff) {

        public static final Workflow NONE = new Workflow(List.of(), List.of(), Map.of());
    }

    public record DomainForecast(Domain domain, BoosterForecast forecast) {
    }

    /**
     * @param sessions   the patient's sessions in treatment order
     * @param checkIns   the patient's check-ins, oldest first
     * @param responses  the patient's questionnaire responses, oldest first
     * @param workflow   the forecasts and alerts
     * @param exportedAt the bundle's timestamp, and the instant the forecasts were made at
     */
    public static Bundle bundle(com.infusionoutcomes.patient.Patient patient, List<InfusionSession> sessions,
            List<CheckIn> checkIns, List<com.infusionoutcomes.questionnaire.QuestionnaireResponse> responses,
            Workflow workflow, Instant exportedAt) {
        PatientExport export = new PatientExport(patient);
        Bundle bundle = export.bundle;
        bundle.setId(UUID.randomUUID().toString());
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestampElement(new InstantType(instant(exportedAt)));
        export.add(patient.id, export.patient());
        for (InfusionSession session : sessions) {
            export.add(session.id, export.encounter(session));
            export.recordEntries.put(session.id, List.of(session.id));
            if (session.status == SessionStatus.COMPLETED) {
                export.add(derivedId(session.id, "administration"), export.administration(session));
                export.completed.add(session);
            }
        }
        for (CheckIn checkIn : checkIns) {
            for (Domain domain : Domain.values()) {
                Integer score = score(checkIn, domain);
                if (score != null) {
                    UUID id = derivedId(checkIn.id, domain.path());
                    export.add(id, export.observation(checkIn, domain, score));
                    export.recordEntries.computeIfAbsent(checkIn.id, k -> new ArrayList<>()).add(id);
                }
            }
        }
        for (com.infusionoutcomes.questionnaire.QuestionnaireResponse response : responses) {
            InstrumentResponse instrument = response.instrument.describe();
            export.add(response.id, export.questionnaireResponse(response, instrument));
            export.recordEntries.put(response.id, List.of(response.id));
            export.add(derivedId(response.id, "score"), export.instrumentScore(response, instrument));
        }
        for (DomainForecast forecast : workflow.forecasts()) {
            export.add(derivedId(patient.id, "booster-forecast/" + forecast.domain().path()),
                    export.boosterForecast(forecast.domain(), forecast.forecast(), exportedAt));
        }
        // The clinicians who worked the alerts, once each, so the alerts' mitigations can name them.
        Set<UUID> staff = new LinkedHashSet<>();
        for (AlertResponse alert : workflow.alerts()) {
            if (alert.acknowledgedBy() != null) {
                staff.add(alert.acknowledgedBy());
            }
            if (alert.resolvedBy() != null) {
                staff.add(alert.resolvedBy());
            }
        }
        for (UUID clinician : staff) {
            export.add(clinician, export.practitioner(workflow.staff().get(clinician)));
        }
        for (AlertResponse alert : workflow.alerts()) {
            export.add(alert.id(), export.detectedIssue(alert, workflow.staff()));
        }
        return bundle;
    }

    /** The fullUrl of the entry for this id. */
    public static String fullUrl(UUID id) {
        return "urn:uuid:" + id;
    }

    /** The id of the resource derived from a stored record: stable across exports. */
    public static UUID derivedId(UUID recordId, String part) {
        return UUID.nameUUIDFromBytes((recordId + "/" + part).getBytes(StandardCharsets.UTF_8));
    }

    private void add(UUID id, Resource resource) {
        resource.setId(id.toString());
        bundle.addEntry().setFullUrl(fullUrl(id)).setResource(resource);
    }

    org.hl7.fhir.r4.model.Patient patient() {
        org.hl7.fhir.r4.model.Patient p = new org.hl7.fhir.r4.model.Patient();
        if (patient.externalId != null) {
            // The clinic's MRN; its issuing system is the clinic's and not known here, so only the type says what it is.
            p.addIdentifier().setUse(Identifier.IdentifierUse.USUAL)
                    .setType(new CodeableConcept(new Coding(FhirCodes.IDENTIFIER_TYPE, "MR", "Medical record number")))
                    .setValue(patient.externalId);
        }
        p.addName().setText(patient.displayName);
        if (patient.birthYear != null) {
            p.setBirthDateElement(new DateType(String.format("%04d", patient.birthYear)));
        }
        return p;
    }

    Encounter encounter(InfusionSession session) {
        Encounter e = new Encounter();
        e.setStatus(switch (session.status) {
            case COMPLETED -> Encounter.EncounterStatus.FINISHED;
            case SCHEDULED -> Encounter.EncounterStatus.PLANNED;
            case CANCELLED -> Encounter.EncounterStatus.CANCELLED;
        });
        // Patients come to the clinic for an infusion and go home the same day.
        e.setClass_(new Coding(FhirCodes.ACT_CODE, "AMB", "ambulatory"));
        e.addType().setText("Ketamine infusion");
        e.setSubject(subject);
        Period period = new Period();
        if (session.startedAt != null) {
            period.setStartElement(dateTime(session.startedAt));
            if (session.endedAt != null) {
                period.setEndElement(dateTime(session.endedAt));
            }
        } else if (session.scheduledAt != null) {
            period.setStartElement(dateTime(session.scheduledAt)); // R4 has no planned period of its own
        }
        e.setPeriod(period);
        return e;
    }

    /** The ketamine given in a completed session, in the context of its encounter. */
    MedicationAdministration administration(InfusionSession session) {
        MedicationAdministration m = new MedicationAdministration();
        m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        m.setMedication(new CodeableConcept(new Coding(FhirCodes.RXNORM, FhirCodes.KETAMINE_RXNORM, "ketamine"))
                .setText("Ketamine"));
        m.setSubject(subject);
        m.setContext(reference(session.id));
        m.setEffective(new Period().setStartElement(dateTime(session.startedAt)).setEndElement(dateTime(session.endedAt)));
        Quantity dose = session.totalDoseMg != null ? quantity(session.totalDoseMg, "mg")
                : session.doseMgPerKg != null ? quantity(session.doseMgPerKg, "mg/kg") : null;
        Quantity rate = session.rateMgPerKgPerHour == null ? null : quantity(session.rateMgPerKgPerHour, "mg/kg/h");
        // A dosage needs a dose or a rate (mad-1); without either the administration still records the infusion.
        if (dose != null || rate != null) {
            MedicationAdministration.MedicationAdministrationDosageComponent dosage = m.getDosage();
            dosage.setText(dosageText(session));
            dosage.setRoute(new CodeableConcept(new Coding(FhirCodes.SNOMED, FhirCodes.INTRAVENOUS_ROUTE_SNOMED,
                    "Intravenous route")));
            dosage.setDose(dose);
            dosage.setRate(rate);
        }
        if (session.notes != null && !session.notes.isBlank()) {
            m.addNote().setText(session.notes);
        }
        return m;
    }

    /** One domain score of a check-in. */
    Observation observation(CheckIn checkIn, Domain domain, int score) {
        // The current version: issued when it was written, with the check-in's standing, so a receiver that
        // imported an earlier export updates the same Observation, or withdraws it.
        Observation o = surveyObservation(checkIn.recordedAt,
                checkIn.changedAt != null ? checkIn.changedAt : checkIn.createdAt, checkIn.sessionId);
        o.setStatus(switch (checkIn.status) {
            case FINAL -> Observation.ObservationStatus.FINAL;
            case AMENDED -> Observation.ObservationStatus.AMENDED;
            case ENTERED_IN_ERROR -> Observation.ObservationStatus.ENTEREDINERROR;
        });
        o.addCategory(new CodeableConcept(new Coding(FhirCodes.CHECK_IN_CONTEXT_SYSTEM, checkIn.context.name(),
                FhirCodes.describe(checkIn.context))));
        CodeableConcept code = new CodeableConcept();
        if (domain == Domain.PAIN) {
            code.addCoding(new Coding(FhirCodes.LOINC, FhirCodes.PAIN_LOINC, FhirCodes.PAIN_LOINC_DISPLAY));
        }
        // Every domain also in our own system, so one system finds all four.
        code.addCoding(new Coding(FhirCodes.DOMAIN_SYSTEM, domain.path(), FhirCodes.question(domain)));
        code.setText(domain.path() + " (0-10)");
        o.setCode(code);
        o.setValue(new IntegerType(score));
        if (checkIn.note != null && !checkIn.note.isBlank()) {
            o.addNote().setText(checkIn.note);
        }
        return o;
    }

    /** The answers in item order; linkId is the item's number in {@code /api/v1/instruments/{code}}. */
    org.hl7.fhir.r4.model.QuestionnaireResponse questionnaireResponse(
            com.infusionoutcomes.questionnaire.QuestionnaireResponse response, InstrumentResponse instrument) {
        org.hl7.fhir.r4.model.QuestionnaireResponse qr = new org.hl7.fhir.r4.model.QuestionnaireResponse();
        qr.setQuestionnaire(FhirCodes.LOINC_QUESTIONNAIRE_BASE + instrument.loincPanel());
        qr.setStatus(org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        qr.setSubject(subject);
        if (response.sessionId != null) {
            qr.setEncounter(reference(response.sessionId));
        }
        qr.setAuthoredElement(dateTime(response.recordedAt));
        qr.setSource(subject); // the patient answered, whoever entered the answers
        List<Integer> answers = response.answerList();
        List<InstrumentItem> items = instrument.items();
        for (int i = 0; i < answers.size(); i++) {
            InstrumentItem item = items.get(i);
            qr.addItem().setLinkId(String.valueOf(item.number())).setText(item.text())
                    .addAnswer().setValue(new IntegerType(answers.get(i)));
        }
        return qr;
    }

    /** The instrument's score, coded with its LOINC score code and derived from the response. */
    Observation instrumentScore(com.infusionoutcomes.questionnaire.QuestionnaireResponse response,
            InstrumentResponse instrument) {
        Observation o = surveyObservation(response.recordedAt, response.createdAt, response.sessionId);
        o.setCode(new CodeableConcept(new Coding(FhirCodes.LOINC, instrument.loincScore(), null))
                .setText(instrument.title() + " score"));
        if (response.instrument.scoreDecimals() == 0) {
            o.setValue(new IntegerType(response.score.intValueExact()));
        } else {
            // R4 has no decimal value: a mean (PEG) is a unitless quantity.
            o.setValue(new Quantity().setValue(response.score.stripTrailingZeros()).setUnit("score")
                    .setSystem(FhirCodes.UCUM).setCode("{score}"));
        }
        if (response.band != null) {
            o.addInterpretation().setText(response.band.name());
        }
        if (response.positiveScreen != null) {
            o.addInterpretation(response.positiveScreen
                    ? new CodeableConcept(new Coding(FhirCodes.INTERPRETATION, "POS", "Positive")).setText("Positive screen")
                    : new CodeableConcept(new Coding(FhirCodes.INTERPRETATION, "NEG", "Negative")).setText("Negative screen"));
        }
        o.addDerivedFrom(reference(response.id));
        return o;
    }

    /**
     * The booster forecast of one domain as of the export: the due date as the value (absent, with the reason, when
     * there is too little data), and how it was reached as components. A new export gives the same id with the
     * forecast of that day, so a receiver updates it.
     */
    Observation boosterForecast(Domain domain, BoosterForecast forecast, Instant exportedAt) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(FhirCodes.OBSERVATION_CATEGORY, "therapy", "Therapy")));
        o.setCode(new CodeableConcept(new Coding(FhirCodes.BOOSTER_SYSTEM, FhirCodes.BOOSTER_DUE,
                "Booster infusion due date (forecast)")).setText("Booster infusion due (" + domain.path() + ")"));
        o.setSubject(subject);
        o.setEffective(dateTime(exportedAt));
        o.setIssuedElement(new InstantType(instant(exportedAt)));
        if (forecast.dueOn() != null) {
            o.setValue(new DateTimeType(forecast.dueOn().toString()));
        } else {
            o.setDataAbsentReason(new CodeableConcept(new Coding(FhirCodes.DATA_ABSENT_REASON, "unknown", "Unknown"))
                    .setText("Insufficient data: no earlier infusion's relief is known to have ended"));
        }
        o.addComponent().setCode(boosterCode(FhirCodes.BOOSTER_DOMAIN))
                .setValue(new CodeableConcept(new Coding(FhirCodes.DOMAIN_SYSTEM, domain.path(),
                        FhirCodes.question(domain))).setText(domain.path()));
        o.addComponent().setCode(boosterCode(FhirCodes.BOOSTER_STATUS))
                .setValue(boosterCode(forecast.status().name()));
        if (forecast.expectedReliefDays() != null) {
            o.addComponent().setCode(boosterCode(FhirCodes.BOOSTER_EXPECTED_RELIEF))
                    .setValue(days(forecast.expectedReliefDays()));
        }
        if (forecast.reliefHeldAtLeastDays() != null) {
            o.addComponent().setCode(boosterCode(FhirCodes.BOOSTER_RELIEF_HELD))
                    .setValue(days(forecast.reliefHeldAtLeastDays()).setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL));
        }
        if (forecast.covered() != null) {
            o.addComponent().setCode(boosterCode(FhirCodes.BOOSTER_COVERED)).setValue(new BooleanType(forecast.covered()));
        }
        for (UUID sessionId : forecast.basedOnSessionIds()) {
            for (int i = 0; i < completed.size(); i++) {
                InfusionSession session = completed.get(i);
                if (session.id.equals(sessionId)) {
                    CodeableConcept code = boosterCode(FhirCodes.BOOSTER_BASED_ON).setText("Infusion #" + (i + 1));
                    o.addComponent().setCode(code).setValue(
                            new Period().setStartElement(dateTime(session.startedAt)).setEndElement(dateTime(session.endedAt)));
                }
            }
        }
        return o;
    }

    private static CodeableConcept boosterCode(String code) {
        return new CodeableConcept(new Coding(FhirCodes.BOOSTER_SYSTEM, code, null));
    }

    private static Quantity days(BigDecimal days) {
        return new Quantity().setValue(days.stripTrailingZeros()).setUnit("days").setSystem(FhirCodes.UCUM).setCode("d");
    }

    /** A clinician of the care team who worked an alert; only the name is known to the export. */
    org.hl7.fhir.r4.model.Practitioner practitioner(String name) {
        org.hl7.fhir.r4.model.Practitioner p = new org.hl7.fhir.r4.model.Practitioner();
        if (name != null) {
            p.addName().setText(name);
        }
        return p;
    }

    /**
     * A safety alert: the rule as its code, the severity (URGENT high, HIGH moderate, LOW low), when it was raised,
     * the record that raised it when that record is in the bundle, and what the care team did as mitigations
     * (acknowledged, resolved with the note) with when and who. An unresolved alert whose condition no longer holds
     * carries when it stopped holding as an extension.
     */
    DetectedIssue detectedIssue(AlertResponse alert, Map<UUID, String> staff) {
        DetectedIssue d = new DetectedIssue();
        d.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        d.setCode(new CodeableConcept(new Coding(FhirCodes.ALERT_RULE_SYSTEM, alert.rule().name(),
                FhirCodes.describe(alert.rule()))).setText(alert.rule().name()));
        d.setSeverity(switch (alert.severity()) {
            case URGENT -> DetectedIssue.DetectedIssueSeverity.HIGH;
            case HIGH -> DetectedIssue.DetectedIssueSeverity.MODERATE;
            case LOW -> DetectedIssue.DetectedIssueSeverity.LOW;
        });
        d.setPatient(subject);
        d.setIdentified(dateTime(alert.raisedAt()));
        if (!alert.sourceId().equals(patient.id)) {
            recordEntries.getOrDefault(alert.sourceId(), List.of()).forEach(id -> d.addImplicated(reference(id)));
        }
        d.setDetail(alert.detail());
        if (alert.conditionClearedAt() != null) {
            d.addExtension(FhirCodes.CONDITION_CLEARED_EXTENSION, dateTime(alert.conditionClearedAt()));
        }
        if (alert.acknowledgedAt() != null) {
            d.addMitigation().setAction(new CodeableConcept(new Coding(FhirCodes.ALERT_ACTION_SYSTEM,
                    AlertStatus.ACKNOWLEDGED.name(), "Acknowledged")).setText("Acknowledged"))
                    .setDateElement(dateTime(alert.acknowledgedAt()))
                    .setAuthor(clinician(alert.acknowledgedBy(), staff));
        }
        if (alert.resolvedAt() != null) {
            d.addMitigation().setAction(new CodeableConcept(new Coding(FhirCodes.ALERT_ACTION_SYSTEM,
                    AlertStatus.RESOLVED.name(), "Resolved")).setText("Resolved: " + alert.resolutionNote()))
                    .setDateElement(dateTime(alert.resolvedAt()))
                    .setAuthor(clinician(alert.resolvedBy(), staff));
        }
        return d;
    }

    private static Reference clinician(UUID userId, Map<UUID, String> staff) {
        return userId == null ? null : reference(userId).setDisplay(staff.get(userId));
    }

    private Observation surveyObservation(Instant effective, Instant issued, UUID sessionId) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(FhirCodes.OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setSubject(subject);
        if (sessionId != null) {
            o.setEncounter(reference(sessionId));
        }
        o.setEffective(dateTime(effective));
        o.addPerformer(subject); // patient-reported
        o.setIssuedElement(new InstantType(instant(issued)));
        return o;
    }

    private static Integer score(CheckIn checkIn, Domain domain) {
        return switch (domain) {
            case PAIN -> checkIn.pain;
            case SLEEP -> checkIn.sleep;
            case MOBILITY -> checkIn.mobility;
            case MOOD -> checkIn.mood;
        };
    }

    private static String dosageText(InfusionSession s) {
        List<String> parts = new ArrayList<>();
        if (s.doseMgPerKg != null) {
            parts.add(plain(s.doseMgPerKg) + " mg/kg" + (s.weightKg == null ? "" : " for " + plain(s.weightKg) + " kg"));
        }
        if (s.totalDoseMg != null) {
            parts.add(plain(s.totalDoseMg) + " mg in total");
        }
        if (s.rateMgPerKgPerHour != null) {
            parts.add("at " + plain(s.rateMgPerKgPerHour) + " mg/kg/h");
        }
        return "Ketamine IV infusion: " + String.join(", ", parts);
    }

    private static Quantity quantity(BigDecimal value, String ucum) {
        return new Quantity().setValue(value.stripTrailingZeros()).setUnit(ucum).setSystem(FhirCodes.UCUM).setCode(ucum);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private DateTimeType dateTime(Instant at) {
        return new DateTimeType(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)));
    }

    /** A FHIR instant keeps the stored microseconds, in UTC. */
    private static String instant(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }

    private static Reference reference(UUID id) {
        return new Reference(fullUrl(id));
    }
}
