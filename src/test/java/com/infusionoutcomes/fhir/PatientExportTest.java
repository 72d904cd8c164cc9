package com.infusionoutcomes.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.alert.AlertResponse;
import com.infusionoutcomes.alert.AlertRule;
import com.infusionoutcomes.alert.AlertSeverity;
import com.infusionoutcomes.alert.AlertStatus;
import com.infusionoutcomes.checkin.CheckIn;
import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.questionnaire.QuestionnaireResponse;
import com.infusionoutcomes.session.InfusionSession;
import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.trend.BoosterForecast;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Domain;

/** The translation of stored records into FHIR R4, without HTTP or a database. */
class PatientExportTest {

    private static final Instant WINTER = Instant.parse("2026-01-15T01:30:00Z");
    private static final Instant SUMMER = Instant.parse("2026-07-15T01:30:00.123456Z");

    @Test
    void toFhirResource_shouldMapPainScoreToLoinc72514AndTheOtherDomainsToOurCodeSystem() {
        CheckIn checkIn = checkIn(WINTER, CheckInContext.DAILY, null, 7, 3, null, 6);
        Bundle bundle = export(List.of(), List.of(checkIn), List.of());

        List<Observation> observations = all(bundle, Observation.class);
        assertEquals(3, observations.size(), "one per answered domain; mobility was not answered");
        Observation pain = observations.get(0);
        assertEquals(FhirCodes.LOINC, pain.getCode().getCodingFirstRep().getSystem());
        assertEquals("72514-3", pain.getCode().getCodingFirstRep().getCode());
        assertEquals(FhirCodes.PAIN_LOINC_DISPLAY, pain.getCode().getCodingFirstRep().getDisplay());
        assertEquals(7, ((IntegerType) pain.getValue()).getValue());
        Observation sleep = observations.get(1);
        assertEquals(List.of(FhirCodes.DOMAIN_SYSTEM + "|sleep"), codes(sleep.getCode().getCoding()));
        assertEquals(3, ((IntegerType) sleep.getValue()).getValue());
        assertEquals(List.of(FhirCodes.DOMAIN_SYSTEM + "|mood"), codes(observations.get(2).getCode().getCoding()));
        for (Observation o : observations) {
            assertEquals(Observation.ObservationStatus.FINAL, o.getStatus());
            assertEquals(List.of(FhirCodes.OBSERVATION_CATEGORY + "|survey", FhirCodes.CHECK_IN_CONTEXT_SYSTEM + "|DAILY"),
                    o.getCategory().stream().map(c -> code(c.getCodingFirstRep())).toList());
            assertEquals("urn:uuid:" + PATIENT.id, o.getSubject().getReference());
            assertEquals("urn:uuid:" + PATIENT.id, o.getPerformerFirstRep().getReference(), "patient-reported");
            assertFalse(o.hasEncounter(), "a daily check-in belongs to no infusion");
            assertEquals("Slept badly", o.getNoteFirstRep().getText());
        }
    }

    @Test
    void toFhirResource_shouldGiveTimesThePatientsLocalOffset() {
        CheckIn winter = checkIn(WINTER, CheckInContext.DAILY, null, 5, null, null, null);
        CheckIn summer = checkIn(SUMMER, CheckInContext.DAILY, null, 4, null, null, null);
        List<Observation> observations = all(export(List.of(), List.of(winter, summer), List.of()), Observation.class);

        assertEquals("2026-01-14T20:30:00-05:00", observations.get(0).getEffectiveDateTimeType().getValueAsString());
        assertEquals("2026-07-14T21:30:00.123456-04:00", observations.get(1).getEffectiveDateTimeType().getValueAsString());
        assertEquals(SUMMER.toEpochMilli(), observations.get(1).getEffectiveDateTimeType().getValue().getTime());
    }

    @Test
    void toFhirResource_shouldGiveDerivedResourcesTheSameIdsInEveryExport() {
        CheckIn checkIn = checkIn(WINTER, CheckInContext.DAILY, null, 5, 5, 5, 5);
        Bundle first = export(List.of(), List.of(checkIn), List.of());
        Bundle second = export(List.of(), List.of(checkIn), List.of());

        assertEquals(fullUrls(first), fullUrls(second));
        assertEquals(5, fullUrls(first).stream().distinct().count(), "the patient and four distinct observations");
        assertNotEquals(first.getId(), second.getId(), "each export is its own bundle");
    }

    @Test
    void toFhirResource_shouldRecordTheDoseAsKetamineGivenInTheSessionsEncounter() {
        InfusionSession completed = completedSession(WINTER);
        completed.notes = "Mild dissociation, settled by the end";
        InfusionSession scheduled = new InfusionSession();
        scheduled.id = UUID.randomUUID();
        scheduled.status = SessionStatus.SCHEDULED;
        scheduled.scheduledAt = SUMMER;
        Bundle bundle = export(List.of(completed, scheduled), List.of(), List.of());

        List<Encounter> encounters = all(bundle, Encounter.class);
        assertEquals(Encounter.EncounterStatus.FINISHED, encounters.get(0).getStatus());
        assertEquals("2026-01-14T20:30:00-05:00", encounters.get(0).getPeriod().getStartElement().getValueAsString());
        assertEquals("2026-01-14T21:20:00-05:00", encounters.get(0).getPeriod().getEndElement().getValueAsString());
        assertEquals("AMB", encounters.get(0).getClass_().getCode());
        assertEquals(Encounter.EncounterStatus.PLANNED, encounters.get(1).getStatus());

        List<MedicationAdministration> given = all(bundle, MedicationAdministration.class);
        assertEquals(1, given.size(), "nothing was given in a session that has not happened");
        MedicationAdministration ketamine = given.get(0);
        assertEquals(MedicationAdministration.MedicationAdministrationStatus.COMPLETED, ketamine.getStatus());
        assertEquals(FhirCodes.RXNORM + "|6130", code(ketamine.getMedicationCodeableConcept().getCodingFirstRep()));
        assertEquals("urn:uuid:" + completed.id, ketamine.getContext().getReference());
        Quantity dose = ketamine.getDosage().getDose();
        assertEquals(new BigDecimal("35"), dose.getValue());
        assertEquals("mg", dose.getCode());
        Quantity rate = ketamine.getDosage().getRateQuantity();
        assertEquals(new BigDecimal("0.6"), rate.getValue());
        assertEquals("mg/kg/h", rate.getCode());
        assertEquals("Ketamine IV infusion: 0.5 mg/kg for 70 kg, 35 mg in total, at 0.6 mg/kg/h",
                ketamine.getDosage().getText());
        assertEquals("Mild dissociation, settled by the end", ketamine.getNoteFirstRep().getText());
        assertEquals(List.of(), FhirValidation.errors(bundle));
    }

    @Test
    void toFhirResource_shouldLeaveOutTheDosageOfASessionWithoutDoseOrRate() {
        InfusionSession session = completedSession(WINTER);
        session.weightKg = null;
        session.doseMgPerKg = null;
        session.totalDoseMg = null;
        session.rateMgPerKgPerHour = null;
        Bundle bundle = export(List.of(session), List.of(), List.of());

        MedicationAdministration ketamine = all(bundle, MedicationAdministration.class).get(0);
        assertFalse(ketamine.hasDosage());
        assertEquals(List.of(), FhirValidation.errors(bundle));
    }

    @Test
    void toFhirResource_shouldScoreInstrumentsWithTheirLoincCodesDerivedFromTheResponse() {
        InfusionSession session = completedSession(WINTER);
        QuestionnaireResponse peg = response(Instrument.PEG, "4,5,5", session.id);
        QuestionnaireResponse phq2 = response(Instrument.PHQ2, "2,1", null);
        QuestionnaireResponse phq9 = response(Instrument.PHQ9, "1,2,1,2,1,2,1,1,0", null);
        Bundle bundle = export(List.of(session), List.of(), List.of(peg, phq2, phq9));

        List<org.hl7.fhir.r4.model.QuestionnaireResponse> responses = all(bundle,
                org.hl7.fhir.r4.model.QuestionnaireResponse.class);
        assertEquals("http://loinc.org/q/91148-7", responses.get(0).getQuestionnaire());
        assertEquals("urn:uuid:" + session.id, responses.get(0).getEncounter().getReference());
        assertEquals(List.of("1", "2", "3"), responses.get(0).getItem().stream().map(i -> i.getLinkId()).toList());
        assertEquals(5, ((IntegerType) responses.get(0).getItem().get(2).getAnswerFirstRep().getValue()).getValue());

        List<Observation> scores = all(bundle, Observation.class);
        Observation pegScore = scores.get(0);
        assertEquals(FhirCodes.LOINC + "|91147-9", code(pegScore.getCode().getCodingFirstRep()));
        Quantity mean = pegScore.getValueQuantity();
        assertEquals(new BigDecimal("4.67"), mean.getValue());
        assertEquals("{score}", mean.getCode());
        assertEquals("urn:uuid:" + peg.id, pegScore.getDerivedFromFirstRep().getReference());
        assertEquals("urn:uuid:" + session.id, pegScore.getEncounter().getReference());

        Observation phq2Score = scores.get(1);
        assertEquals(FhirCodes.LOINC + "|55758-7", code(phq2Score.getCode().getCodingFirstRep()));
        assertEquals(3, ((IntegerType) phq2Score.getValue()).getValue());
        assertEquals("POS", phq2Score.getInterpretationFirstRep().getCodingFirstRep().getCode());

        Observation phq9Score = scores.get(2);
        assertEquals(FhirCodes.LOINC + "|44261-6", code(phq9Score.getCode().getCodingFirstRep()));
        assertEquals(11, ((IntegerType) phq9Score.getValue()).getValue());
        assertEquals("MODERATE", phq9Score.getInterpretationFirstRep().getText());
        assertEquals("urn:uuid:" + phq9.id, phq9Score.getDerivedFromFirstRep().getReference());
        assertEquals(List.of(), FhirValidation.errors(bundle));
    }

    @Test
    void toFhirResource_shouldGiveThePatientTheirMrnAndBirthYear() {
        org.hl7.fhir.r4.model.Patient patient = all(export(List.of(), List.of(), List.of()),
                org.hl7.fhir.r4.model.Patient.class).get(0);
        assertEquals("MRN-004211", patient.getIdentifierFirstRep().getValue());
        assertEquals("MR", patient.getIdentifierFirstRep().getType().getCodingFirstRep().getCode());
        assertEquals("Jordan Reyes", patient.getNameFirstRep().getText());
        assertEquals("1979", patient.getBirthDateElement().getValueAsString());

        Patient anonymous = patient();
        anonymous.externalId = null;
        anonymous.birthYear = null;
        Bundle bundle = PatientExport.bundle(anonymous, List.of(), List.of(), List.of(), Instant.now());
        org.hl7.fhir.r4.model.Patient bare = all(bundle, org.hl7.fhir.r4.model.Patient.class).get(0);
        assertFalse(bare.hasIdentifier());
        assertNull(bare.getBirthDate());
        assertEquals(List.of(), FhirValidation.errors(bundle));
    }

    @Test
    void toFhirResource_shouldBeValidR4ForEveryKindOfRecord() {
        InfusionSession session = completedSession(WINTER);
        InfusionSession cancelled = new InfusionSession();
        cancelled.id = UUID.randomUUID();
        cancelled.status = SessionStatus.CANCELLED;
        cancelled.scheduledAt = SUMMER;
        List<CheckIn> checkIns = List.of(
                checkIn(WINTER.minus(Duration.ofMinutes(10)), CheckInContext.PRE_INFUSION, session.id, 7, 4, 5, 4),
                checkIn(WINTER.plus(Duration.ofHours(1)), CheckInContext.POST_INFUSION, session.id, 3, null, null, 6),
                checkIn(SUMMER, CheckInContext.DAILY, null, 4, 6, 6, 7));
        List<QuestionnaireResponse> responses = List.of(response(Instrument.PEG, "6,5,5", session.id),
                response(Instrument.PHQ9, "0,0,1,1,0,0,0,0,1", null), response(Instrument.GAD7, "1,1,1,0,0,0,0", null),
                response(Instrument.PHQ2, "0,1", null));
        Bundle bundle = export(List.of(session, cancelled), checkIns, responses);

        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(List.of(), FhirValidation.errors(entry.getResource()), entry.getFullUrl());
        }
        assertEquals(List.of(), FhirValidation.errors(bundle));
        assertTrue(bundle.getEntry().size() > 20);
    }

    @Test
    void toFhirResource_shouldCarryACorrectedCheckInsStatusAndWhenItWasCorrected() {
        CheckIn amended = checkIn(WINTER, CheckInContext.DAILY, null, 6, null, null, null);
        amended.status = com.infusionoutcomes.checkin.CheckInStatus.AMENDED;
        amended.changedAt = WINTER.plus(Duration.ofHours(3));
        CheckIn withdrawn = checkIn(SUMMER, CheckInContext.DAILY, null, 9, null, null, null);
        withdrawn.status = com.infusionoutcomes.checkin.CheckInStatus.ENTERED_IN_ERROR;
        withdrawn.changedAt = SUMMER.plus(Duration.ofMinutes(5));
        Bundle bundle = export(List.of(), List.of(amended, withdrawn), List.of());

        List<Observation> observations = all(bundle, Observation.class);
        assertEquals(Observation.ObservationStatus.AMENDED, observations.get(0).getStatus());
        assertEquals(amended.changedAt, observations.get(0).getIssued().toInstant());
        assertEquals(Observation.ObservationStatus.ENTEREDINERROR, observations.get(1).getStatus(),
                "kept, so a receiver that imported it withdraws it");
        assertEquals(List.of(), FhirValidation.errors(bundle));
    }

    /**
     * Alerts become DetectedIssues whatever raised them: a check-in implicates its scores, a session its Encounter,
     * a scan of the patient nothing; two clinicians who worked one alert are two Practitioners; an alert whose
     * condition no longer holds says since when.
     */
    @Test
    void toFhirResource_shouldExportTheAlertHistoryWithWhoWorkedEachAlert() {
        InfusionSession session = completedSession(WINTER);
        CheckIn checkIn = checkIn(SUMMER, CheckInContext.DAILY, null, 8, null, null, 2);
        UUID nurse = UUID.randomUUID();
        UUID doctor = UUID.randomUUID();
        Instant raised = SUMMER.plus(Duration.ofMinutes(1));
        AlertResponse worsening = new AlertResponse(UUID.randomUUID(), PATIENT.id, AlertRule.WORSENING,
                AlertSeverity.HIGH, AlertStatus.RESOLVED, "Worse than baseline: pain 5 -> 8 (-60 %)", "CheckIn",
                checkIn.id, raised, raised, 1, null, raised.plus(Duration.ofHours(1)), nurse,
                raised.plus(Duration.ofHours(2)), doctor, "Called; booked an infusion");
        AlertResponse booster = new AlertResponse(UUID.randomUUID(), PATIENT.id, AlertRule.BOOSTER_DUE,
                AlertSeverity.LOW, AlertStatus.OPEN, "Booster due", "InfusionSession", session.id, raised, raised, 1,
                raised.plus(Duration.ofDays(1)), null, null, null, null, null);
        AlertResponse missed = new AlertResponse(UUID.randomUUID(), PATIENT.id, AlertRule.MISSED_CHECK_INS,
                AlertSeverity.LOW, AlertStatus.ACKNOWLEDGED, "No check-in for 7 days", "Patient", PATIENT.id, raised,
                raised, 1, null, raised.plus(Duration.ofMinutes(5)), doctor, null, null, null);
        Bundle bundle = PatientExport.bundle(PATIENT, List.of(session), List.of(checkIn), List.of(),
                new PatientExport.Workflow(List.of(), List.of(worsening, booster, missed),
                        java.util.Map.of(nurse, "Nurse Ada")),
                Instant.parse("2026-08-01T12:00:00Z"));

        List<org.hl7.fhir.r4.model.Practitioner> staff = all(bundle, org.hl7.fhir.r4.model.Practitioner.class);
        assertEquals(List.of(nurse.toString(), doctor.toString()), staff.stream().map(p -> p.getIdElement().getIdPart()).toList());
        assertEquals("Nurse Ada", staff.get(0).getNameFirstRep().getText());
        assertFalse(staff.get(1).hasName(), "a name the service no longer knows is left out");

        List<DetectedIssue> issues = all(bundle, DetectedIssue.class);
        DetectedIssue w = issues.get(0);
        assertEquals(DetectedIssue.DetectedIssueSeverity.MODERATE, w.getSeverity(), "HIGH is FHIR's moderate");
        assertEquals(List.of("urn:uuid:" + PatientExport.derivedId(checkIn.id, "pain"),
                "urn:uuid:" + PatientExport.derivedId(checkIn.id, "mood")),
                w.getImplicated().stream().map(r -> r.getReference()).toList());
        assertEquals("2026-07-14T21:31:00.123456-04:00", w.getIdentifiedDateTimeType().getValueAsString());
        assertEquals(List.of("urn:uuid:" + nurse, "urn:uuid:" + doctor),
                w.getMitigation().stream().map(m -> m.getAuthor().getReference()).toList());
        assertEquals("Nurse Ada", w.getMitigation().get(0).getAuthor().getDisplay());
        assertEquals("Resolved: Called; booked an infusion", w.getMitigation().get(1).getAction().getText());

        DetectedIssue b = issues.get(1);
        assertEquals(DetectedIssue.DetectedIssueSeverity.LOW, b.getSeverity());
        assertEquals("urn:uuid:" + session.id, b.getImplicatedFirstRep().getReference());
        assertEquals("2026-07-15T21:31:00.123456-04:00",
                ((org.hl7.fhir.r4.model.DateTimeType) b.getExtensionByUrl(FhirCodes.CONDITION_CLEARED_EXTENSION)
                        .getValue()).getValueAsString());
        assertFalse(b.hasMitigation());

        DetectedIssue m = issues.get(2);
        assertFalse(m.hasImplicated(), "raised by a scan of the patient, who is the issue's patient");
        assertEquals(List.of("ACKNOWLEDGED"), m.getMitigation().stream().map(x -> x.getAction().getCodingFirstRep().getCode()).toList());
        assertEquals(List.of(), FhirValidation.errors(bundle));
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(List.of(), FhirValidation.errors(entry.getResource()), entry.getFullUrl());
        }
    }

    /** Each status of a forecast: the due date or why there is none, the relief held so far as a lower bound. */
    @Test
    void toFhirResource_shouldExportEachKindOfBoosterForecast() {
        InfusionSession first = completedSession(WINTER.minus(Duration.ofDays(40)));
        InfusionSession second = completedSession(WINTER);
        List<PatientExport.DomainForecast> forecasts = List.of(
                new PatientExport.DomainForecast(Domain.PAIN, new BoosterForecast(BoosterStatus.FORECAST,
                        LocalDate.parse("2026-01-29"), new BigDecimal("14.5"), List.of(first.id), new BigDecimal("3.0"),
                        true)),
                new PatientExport.DomainForecast(Domain.MOOD, new BoosterForecast(BoosterStatus.RELIEF_ENDED,
                        LocalDate.parse("2026-01-20"), new BigDecimal("6.0"), List.of(second.id), null, false)),
                new PatientExport.DomainForecast(Domain.SLEEP, new BoosterForecast(BoosterStatus.INSUFFICIENT_DATA,
                        null, null, List.of(), new BigDecimal("2.5"), null)));
        Bundle bundle = PatientExport.bundle(PATIENT, List.of(first, second), List.of(), List.of(),
                new PatientExport.Workflow(forecasts, List.of(), java.util.Map.of()), Instant.parse("2026-01-20T12:00:00Z"));

        List<Observation> observations = all(bundle, Observation.class);
        Observation pain = observations.get(0);
        assertEquals("2026-01-29", pain.getValueDateTimeType().getValueAsString());
        assertEquals(List.of("domain", "status", "expected-relief", "relief-held-at-least", "covered", "based-on-infusion"),
                pain.getComponent().stream().map(c -> c.getCode().getCodingFirstRep().getCode()).toList());
        assertEquals(new BigDecimal("14.5"), pain.getComponent().get(2).getValueQuantity().getValue());
        assertEquals(Quantity.QuantityComparator.GREATER_OR_EQUAL, pain.getComponent().get(3).getValueQuantity().getComparator());
        assertEquals(true, pain.getComponent().get(4).getValueBooleanType().getValue());
        assertEquals("Infusion #1", pain.getComponent().get(5).getCode().getText());
        assertEquals("2025-12-05T20:30:00-05:00", pain.getComponent().get(5).getValuePeriod().getStartElement().getValueAsString());
        Observation mood = observations.get(1);
        assertEquals("RELIEF_ENDED", mood.getComponent().get(1).getValueCodeableConcept().getCodingFirstRep().getCode());
        assertEquals("Infusion #2", mood.getComponent().get(4).getCode().getText());
        Observation sleep = observations.get(2);
        assertFalse(sleep.hasValue());
        assertEquals("unknown", sleep.getDataAbsentReason().getCodingFirstRep().getCode());
        assertEquals(List.of("domain", "status", "relief-held-at-least"),
                sleep.getComponent().stream().map(c -> c.getCode().getCodingFirstRep().getCode()).toList());
        assertEquals(PatientExport.derivedId(PATIENT.id, "booster-forecast/pain").toString(), pain.getIdElement().getIdPart());
        assertEquals(List.of(), FhirValidation.errors(bundle));
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(List.of(), FhirValidation.errors(entry.getResource()), entry.getFullUrl());
        }
    }

    /** The zero-error assertions mean something only if the validator finds errors where there are some. */
    @Test
    void validatorShouldRejectAnObservationWithoutStatusOrWithAnUnknownDomain() {
        Observation bad = new Observation();
        bad.setCode(new org.hl7.fhir.r4.model.CodeableConcept(new Coding(FhirCodes.DOMAIN_SYSTEM, "pian", null)));
        List<String> errors = FhirValidation.errors(bad);
        assertTrue(errors.stream().anyMatch(e -> e.contains("Observation.status")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("pian")), errors.toString());
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final Patient PATIENT = patient();

    private static Patient patient() {
        Patient p = new Patient();
        p.id = UUID.fromString("0b5d1f2e-7c3a-4e8b-9f60-1a2b3c4d5e6f");
        p.externalId = "MRN-004211";
        p.displayName = "Jordan Reyes";
        p.birthYear = 1979;
        p.timezone = "America/New_York";
        p.enrolledAt = WINTER.minus(Duration.ofDays(30));
        p.createdAt = p.enrolledAt;
        return p;
    }

    private static Bundle export(List<InfusionSession> sessions, List<CheckIn> checkIns,
            List<QuestionnaireResponse> responses) {
        return PatientExport.bundle(PATIENT, sessions, checkIns, responses, Instant.parse("2026-08-01T12:00:00Z"));
    }

    private static CheckIn checkIn(Instant at, CheckInContext context, UUID sessionId, Integer pain, Integer sleep,
            Integer mobility, Integer mood) {
        CheckIn c = new CheckIn();
        c.id = UUID.randomUUID();
        c.patientId = PATIENT.id;
        c.sessionId = sessionId;
        c.context = context;
        c.recordedAt = at;
        c.createdAt = at.plusSeconds(2);
        c.pain = pain;
        c.sleep = sleep;
        c.mobility = mobility;
        c.mood = mood;
        c.note = "Slept badly";
        return c;
    }

    private static InfusionSession completedSession(Instant start) {
        InfusionSession s = new InfusionSession();
        s.id = UUID.randomUUID();
        s.patientId = PATIENT.id;
        s.status = SessionStatus.COMPLETED;
        s.startedAt = start;
        s.endedAt = start.plus(Duration.ofMinutes(50));
        s.weightKg = new BigDecimal("70.00");
        s.doseMgPerKg = new BigDecimal("0.500");
        s.totalDoseMg = new BigDecimal("35.00");
        s.rateMgPerKgPerHour = new BigDecimal("0.60");
        return s;
    }

    private static QuestionnaireResponse response(Instrument instrument, String answers, UUID sessionId) {
        QuestionnaireResponse r = new QuestionnaireResponse();
        r.id = UUID.randomUUID();
        r.patientId = PATIENT.id;
        r.sessionId = sessionId;
        r.instrument = instrument;
        r.answers = answers;
        Instrument.Score score = instrument.score(r.answerList());
        r.score = score.value();
        r.band = score.band();
        r.positiveScreen = score.positiveScreen();
        r.recordedAt = WINTER;
        r.createdAt = WINTER;
        return r;
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (type.isInstance(entry.getResource())) {
                found.add(type.cast(entry.getResource()));
            }
        }
        return found;
    }

    private static List<String> fullUrls(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
    }

    private static String code(Coding coding) {
        return coding.getSystem() + "|" + coding.getCode();
    }

    private static List<String> codes(List<Coding> codings) {
        return codings.stream().map(PatientExportTest::code).toList();
    }
}
