package com.infusionoutcomes.fhir;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The FHIR export over HTTP: a patient with a course of infusions, check-ins in every domain and context, and
 * all four instruments, exported, parsed with HAPI and validated against the base R4 specification.
 */
@QuarkusTest
class FhirExportResourceTest {

    private static final String FHIR_JSON = "application/fhir+json";

    /** One patient's course, built once through the API. */
    private static final class Course {
        final String patient;
        final String firstSession;
        final String secondSession;
        final String scheduledSession;
        final Instant firstStart = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        final Instant secondStart = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        /** recordedAt and the four scores (null when not answered) of each check-in, by check-in id. */
        final Map<String, Object[]> checkIns = new HashMap<>();
        final Map<String, String> sessionOfCheckIn = new HashMap<>();
        final Map<String, String> responses = new TreeMap<>(); // instrument -> response id
        final String pegSession;

        Course() {
            patient = TestData.enrollPatient("""
                    {"displayName": "Avery Export", "externalId": "MRN-%s", "birthYear": 1975,
                     "conditions": ["CRPS"], "timezone": "America/New_York"}
                    """.formatted(UUID.randomUUID().toString().substring(0, 8)));
            firstSession = TestData.completedSession(patient, firstStart);
            secondSession = TestData.completedSession(patient, secondStart);
            scheduledSession = given().contentType(ContentType.JSON)
                    .body("{\"status\": \"SCHEDULED\", \"scheduledAt\": \"" + Instant.now().plus(4, ChronoUnit.DAYS)
                            + "\"}")
                    .post("/api/v1/patients/{p}/sessions", patient).then().statusCode(201).extract().path("id");
            checkIn("PRE_INFUSION", firstSession, firstStart.minus(10, ChronoUnit.MINUTES), 7, 4, 5, 4);
            checkIn("POST_INFUSION", firstSession, firstStart.plus(70, ChronoUnit.MINUTES), 3, 5, 6, 7);
            checkIn("DAILY", null, firstStart.plus(2, ChronoUnit.DAYS), 5, 6, 5, 6);
            checkIn("PRE_INFUSION", secondSession, secondStart.minus(5, ChronoUnit.MINUTES), 6, null, null, null);
            checkIn("DAILY", null, secondStart.plus(1, ChronoUnit.DAYS), 4, null, null, 7);
            pegSession = firstSession;
            responses.put("peg", given().contentType(ContentType.JSON)
                    .body("{\"instrument\": \"peg\", \"answers\": [6, 5, 4], \"recordedAt\": \""
                            + firstStart.minus(15, ChronoUnit.MINUTES) + "\", \"sessionId\": \"" + firstSession
                            + "\", \"context\": \"PRE_INFUSION\"}")
                    .post("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(201)
                    .extract().path("id"));
            // item 9 answered: an URGENT alert, which a clinician acknowledges then resolves
            responses.put("phq9", TestData.questionnaireResponse(patient, "phq9", "1,2,1,2,1,1,1,0,1"));
            responses.put("gad7", TestData.questionnaireResponse(patient, "gad7", "1,1,2,0,1,0,1"));
            responses.put("phq2", TestData.questionnaireResponse(patient, "phq2", "2,2"));
            resolvedAlert = given().queryParam("rule", "SELF_HARM_RISK").get("/api/v1/patients/{p}/alerts", patient)
                    .then().statusCode(200).extract().path("items[0].id");
            given().post("/api/v1/alerts/{a}/acknowledge", resolvedAlert).then().statusCode(200);
            given().contentType(ContentType.JSON).body("{\"note\": \"Safety plan reviewed by phone\"}")
                    .post("/api/v1/alerts/{a}/resolve", resolvedAlert).then().statusCode(200);
            // and again a week later: a new OPEN alert
            secondPhq9 = TestData.questionnaireResponse(patient, "phq9", "0,0,0,0,0,0,0,0,1");
            openAlert = given().queryParam("rule", "SELF_HARM_RISK").get("/api/v1/patients/{p}/alerts", patient)
                    .then().statusCode(200).extract().path("items[0].id");
            history = given().queryParam("status", "OPEN", "ACKNOWLEDGED", "RESOLVED")
                    .get("/api/v1/patients/{p}/alerts", patient).then().statusCode(200).extract().path("items");
        }

        final String resolvedAlert;
        final String openAlert;
        final String secondPhq9;
        /** Every alert of the patient, as the API lists them. */
        final List<Map<String, Object>> history;

        private void checkIn(String context, String session, Instant at, Integer pain, Integer sleep, Integer mobility,
                Integer mood) {
            Map<String, Integer> scores = new TreeMap<>();
            put(scores, "pain", pain);
            put(scores, "sleep", sleep);
            put(scores, "mobility", mobility);
            put(scores, "mood", mood);
            String body = "{\"context\": \"" + context + "\", \"recordedAt\": \"" + at + "\""
                    + (session == null ? "" : ", \"sessionId\": \"" + session + "\"") + ", \"scores\": "
                    + scores.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                            .collect(Collectors.joining(", ", "{", "}"))
                    + "}";
            String id = given().contentType(ContentType.JSON).body(body)
                    .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201).extract().path("id");
            checkIns.put(id, new Object[] { at, pain, sleep, mobility, mood });
            if (session != null) {
                sessionOfCheckIn.put(id, session);
            }
        }

        private static void put(Map<String, Integer> scores, String domain, Integer value) {
            if (value != null) {
                scores.put(domain, value);
            }
        }
    }

    private static Course course;

    @Inject
    EntityManagerFactory database;

    /** Built by the first test to run: the application is not listening yet when a static @BeforeAll runs. */
    @BeforeEach
    void buildCourse() {
        if (course == null) {
            TestData.signInAsClinician();
            course = new Course();
            // Someone else's data must never appear in this patient's export.
            String other = TestData.enrollPatient();
            TestData.dailyCheckIn(other, Instant.now().minus(1, ChronoUnit.HOURS), 8);
            TestData.signOut();
        }
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Response fetch(String token) {
        Response response = TestData.as(token).accept(FHIR_JSON).get("/api/v1/patients/{p}/fhir", course.patient);
        response.then().statusCode(200).contentType(startsWith(FHIR_JSON));
        return response;
    }

    private static Bundle parse(Response response) {
        return FhirValidation.CONTEXT.newJsonParser().parseResource(Bundle.class, response.asString());
    }

    /** HAPI gives a parsed entry's resource the entry's fullUrl as its id. */
    private static String idOf(Resource resource) {
        return resource.getIdElement().getValue().replace("urn:uuid:", "");
    }

    @Test
    void shouldExportTheWholeRecordAsAValidR4Bundle() {
        Response response = fetch(TestData.clinicianToken());
        List<String> ids = response.jsonPath().getList("entry.resource.id");
        assertEquals(response.jsonPath().getList("entry.fullUrl"), ids.stream().map(id -> "urn:uuid:" + id).toList(),
                "each entry's fullUrl is urn:uuid: and its resource's id");
        Bundle bundle = parse(response);

        assertEquals(Bundle.BundleType.COLLECTION, bundle.getType());
        Map<String, Integer> counts = new TreeMap<>();
        bundle.getEntry().forEach(e -> counts.merge(e.getResource().fhirType(), 1, Integer::sum));
        assertEquals(Map.of("Patient", 1, "Encounter", 3, "MedicationAdministration", 2,
                "Observation", 15 + 5 + 4, "QuestionnaireResponse", 5, "Practitioner", 1,
                "DetectedIssue", course.history.size()), counts,
                "15 check-in scores, 5 instrument scores, 4 booster forecasts; the clinician who worked an alert;"
                        + " every alert");
        assertTrue(course.history.size() >= 2, course.history.toString());

        Set<String> fullUrls = new TreeSet<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            fullUrls.add(entry.getFullUrl());
        }
        assertEquals(bundle.getEntry().size(), fullUrls.size(), "fullUrls are unique");
        String patientUrl = "urn:uuid:" + course.patient;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            for (Reference reference : FhirValidation.CONTEXT.newTerser()
                    .getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                assertTrue(fullUrls.contains(reference.getReference()),
                        entry.getFullUrl() + " refers outside the bundle: " + reference.getReference());
            }
        }

        org.hl7.fhir.r4.model.Patient patient = all(bundle, org.hl7.fhir.r4.model.Patient.class).get(0);
        assertEquals(patientUrl, bundle.getEntryFirstRep().getFullUrl(), "the patient comes first");
        assertEquals("Avery Export", patient.getNameFirstRep().getText());
        assertEquals("1975", patient.getBirthDateElement().getValueAsString());

        List<Encounter> encounters = all(bundle, Encounter.class);
        assertEquals(List.of("urn:uuid:" + course.firstSession, "urn:uuid:" + course.secondSession,
                "urn:uuid:" + course.scheduledSession), encounters.stream().map(e -> "urn:uuid:" + idOf(e)).toList());
        assertEquals(List.of(Encounter.EncounterStatus.FINISHED, Encounter.EncounterStatus.FINISHED,
                Encounter.EncounterStatus.PLANNED), encounters.stream().map(Encounter::getStatus).toList());
        assertEquals(course.firstStart, encounters.get(0).getPeriod().getStart().toInstant());

        List<MedicationAdministration> given = all(bundle, MedicationAdministration.class);
        assertEquals(List.of("urn:uuid:" + course.firstSession, "urn:uuid:" + course.secondSession),
                given.stream().map(m -> m.getContext().getReference()).toList());
        for (MedicationAdministration ketamine : given) {
            assertEquals("6130", ketamine.getMedicationCodeableConcept().getCodingFirstRep().getCode());
            assertEquals(new BigDecimal("35"), ketamine.getDosage().getDose().getValue(), "70 kg x 0.5 mg/kg");
            assertEquals("mg", ketamine.getDosage().getDose().getCode());
            assertEquals(patientUrl, ketamine.getSubject().getReference());
        }

        assertCheckInObservations(bundle, patientUrl);
        assertInstrumentResponsesAndScores(bundle, patientUrl);
        assertAlertHistory(bundle, patientUrl);

        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(List.of(), FhirValidation.errors(entry.getResource()), entry.getFullUrl());
        }
        assertEquals(List.of(), FhirValidation.errors(bundle), "the bundle");
    }

    /**
     * Every alert is a DetectedIssue: the resolved one with who acknowledged and resolved it and when, the open one
     * without mitigations; both implicate the response that raised them.
     */
    private static void assertAlertHistory(Bundle bundle, String patientUrl) {
        Map<String, DetectedIssue> issues = new HashMap<>();
        all(bundle, DetectedIssue.class).forEach(d -> issues.put(idOf(d), d));
        assertEquals(course.history.stream().map(a -> (String) a.get("id")).collect(Collectors.toSet()), issues.keySet());
        Map<String, Object> resolved = course.history.stream().filter(a -> course.resolvedAlert.equals(a.get("id")))
                .findFirst().orElseThrow();
        assertEquals("RESOLVED", resolved.get("status"));
        DetectedIssue r = issues.get(course.resolvedAlert);
        assertEquals(FhirCodes.ALERT_RULE_SYSTEM + "|SELF_HARM_RISK",
                r.getCode().getCodingFirstRep().getSystem() + "|" + r.getCode().getCodingFirstRep().getCode());
        assertEquals(DetectedIssue.DetectedIssueSeverity.HIGH, r.getSeverity(), "URGENT is FHIR's high");
        assertEquals(patientUrl, r.getPatient().getReference());
        assertEquals(Instant.parse((String) resolved.get("raisedAt")), at(r.getIdentifiedDateTimeType()));
        assertEquals(resolved.get("detail"), r.getDetail());
        assertEquals(List.of("urn:uuid:" + course.responses.get("phq9")),
                r.getImplicated().stream().map(Reference::getReference).toList(), "the response that raised it");
        assertEquals(List.of("ACKNOWLEDGED", "RESOLVED"),
                r.getMitigation().stream().map(m -> m.getAction().getCodingFirstRep().getCode()).toList());
        DetectedIssue.DetectedIssueMitigationComponent acknowledged = r.getMitigation().get(0);
        DetectedIssue.DetectedIssueMitigationComponent closed = r.getMitigation().get(1);
        assertEquals(Instant.parse((String) resolved.get("acknowledgedAt")), at(acknowledged.getDateElement()));
        assertEquals(Instant.parse((String) resolved.get("resolvedAt")), at(closed.getDateElement()));
        assertEquals("Resolved: Safety plan reviewed by phone", closed.getAction().getText());
        String clinician = "urn:uuid:" + resolved.get("acknowledgedBy");
        assertEquals(resolved.get("acknowledgedBy"), resolved.get("resolvedBy"));
        assertEquals(clinician, acknowledged.getAuthor().getReference());
        assertEquals(clinician, closed.getAuthor().getReference());
        assertEquals("Test CLINICIAN", closed.getAuthor().getDisplay());
        org.hl7.fhir.r4.model.Practitioner practitioner = all(bundle, org.hl7.fhir.r4.model.Practitioner.class).get(0);
        assertEquals(clinician, "urn:uuid:" + idOf(practitioner));
        assertEquals("Test CLINICIAN", practitioner.getNameFirstRep().getText());

        DetectedIssue open = issues.get(course.openAlert);
        assertEquals(false, open.hasMitigation(), "nobody has worked it yet");
        assertEquals(List.of("urn:uuid:" + course.secondPhq9),
                open.getImplicated().stream().map(Reference::getReference).toList());
        assertEquals(false, open.hasExtension(FhirCodes.CONDITION_CLEARED_EXTENSION));
    }

    private static void assertCheckInObservations(Bundle bundle, String patientUrl) {
        Map<String, Observation> byCheckInAndDomain = new HashMap<>();
        for (Observation o : all(bundle, Observation.class)) {
            if (!o.hasDerivedFrom() && !isForecast(o)) {
                byCheckInAndDomain.put(idOf(o), o);
            }
        }
        assertEquals(15, byCheckInAndDomain.size());
        String[] domains = { "pain", "sleep", "mobility", "mood" };
        course.checkIns.forEach((checkInId, row) -> {
            for (int d = 0; d < 4; d++) {
                String id = PatientExport.derivedId(UUID.fromString(checkInId), domains[d]).toString();
                Observation o = byCheckInAndDomain.get(id);
                if (row[d + 1] == null) {
                    assertEquals(null, o, "no observation for an unanswered " + domains[d]);
                    continue;
                }
                String where = checkInId + " " + domains[d];
                assertEquals(Observation.ObservationStatus.FINAL, o.getStatus(), where);
                assertEquals("survey", o.getCategoryFirstRep().getCodingFirstRep().getCode(), where);
                Coding code = o.getCode().getCodingFirstRep();
                if (d == 0) {
                    assertEquals(FhirCodes.LOINC + "|72514-3", code.getSystem() + "|" + code.getCode(), where);
                } else {
                    assertEquals(FhirCodes.DOMAIN_SYSTEM + "|" + domains[d], code.getSystem() + "|" + code.getCode(), where);
                }
                assertEquals(row[d + 1], ((IntegerType) o.getValue()).getValue(), where);
                assertEquals(row[0], o.getEffectiveDateTimeType().getValue().toInstant(), where);
                assertEquals(patientUrl, o.getSubject().getReference(), where);
                String session = course.sessionOfCheckIn.get(checkInId);
                assertEquals(session == null ? null : "urn:uuid:" + session,
                        o.hasEncounter() ? o.getEncounter().getReference() : null, where);
            }
        });
    }

    /** To the microsecond, as stored (a java.util.Date keeps milliseconds only). */
    private static Instant at(org.hl7.fhir.r4.model.DateTimeType dateTime) {
        return java.time.OffsetDateTime.parse(dateTime.getValueAsString()).toInstant();
    }

    private static boolean isForecast(Observation o) {
        return FhirCodes.BOOSTER_SYSTEM.equals(o.getCode().getCodingFirstRep().getSystem());
    }

    private static void assertInstrumentResponsesAndScores(Bundle bundle, String patientUrl) {
        Map<String, String> canonicals = Map.of("peg", "91148-7", "phq9", "44249-1", "gad7", "69737-5", "phq2", "55757-9");
        // the band of each instrument with bands, the screen of the PHQ-2 (PEG has neither)
        Map<String, String> interpretations = Map.of("peg", "", "phq9", "MODERATE", "gad7", "MILD",
                "phq2", "Positive screen");
        Map<String, String> scoreCodes = Map.of("peg", "91147-9", "phq9", "44261-6", "gad7", "70274-6", "phq2", "55758-7");
        Map<String, Object> scores = Map.of("peg", new BigDecimal("5"), "phq9", 10, "gad7", 6, "phq2", 4);
        Map<String, QuestionnaireResponse> responses = new HashMap<>();
        all(bundle, QuestionnaireResponse.class).forEach(r -> responses.put(idOf(r), r));
        Map<String, Observation> scoreByResponse = new HashMap<>();
        for (Observation o : all(bundle, Observation.class)) {
            if (o.hasDerivedFrom()) {
                scoreByResponse.put(o.getDerivedFromFirstRep().getReference(), o);
            }
        }
        assertEquals(5, scoreByResponse.size());
        course.responses.forEach((instrument, id) -> {
            QuestionnaireResponse response = responses.get(id);
            assertEquals("http://loinc.org/q/" + canonicals.get(instrument), response.getQuestionnaire(), instrument);
            assertEquals(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED, response.getStatus());
            assertEquals(patientUrl, response.getSubject().getReference());
            Observation score = scoreByResponse.get("urn:uuid:" + id);
            assertEquals(FhirCodes.LOINC + "|" + scoreCodes.get(instrument),
                    score.getCode().getCodingFirstRep().getSystem() + "|" + score.getCode().getCodingFirstRep().getCode(),
                    instrument);
            assertEquals("survey", score.getCategoryFirstRep().getCodingFirstRep().getCode());
            assertEquals(Observation.ObservationStatus.FINAL, score.getStatus());
            Object value = score.getValue() instanceof IntegerType i ? i.getValue() : score.getValueQuantity().getValue();
            assertEquals(scores.get(instrument), value, instrument);
            assertEquals(response.getAuthoredElement().getValue(), score.getEffectiveDateTimeType().getValue());
            assertEquals(interpretations.get(instrument),
                    score.getInterpretation().stream().map(i -> i.getText()).collect(Collectors.joining(",")), instrument);
        });
        assertEquals("POS", scoreByResponse.get("urn:uuid:" + course.responses.get("phq2")).getInterpretationFirstRep()
                .getCodingFirstRep().getCode());
        QuestionnaireResponse peg = responses.get(course.responses.get("peg"));
        assertEquals("urn:uuid:" + course.pegSession, peg.getEncounter().getReference());
        assertEquals(3, peg.getItem().size());
        assertEquals(9, responses.get(course.responses.get("phq9")).getItem().size());
    }

    /**
     * Relief of 14, 12 and 16 days after three infusions (pain 8 before, 3 after, 8 again on the last day), then a
     * fourth that ended 13 days ago: the pain forecast is due 14 days after it (the median), tomorrow, with nothing
     * scheduled, which also raises BOOSTER_DUE for that infusion.
     */
    @Test
    void shouldExportTheBoosterForecastOfAHandComputedCourse() {
        String clinician = TestData.signInAsNewClinician();
        Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).plus(10, ChronoUnit.HOURS);
        String patient = TestData.enrollPatient("""
                {"displayName": "Booster Export", "timezone": "UTC", "enrolledAt": "%s"}
                """.formatted(yesterday.minus(90, ChronoUnit.DAYS)));
        List<Instant> ends = List.of(70, 50, 30, 12).stream().map(d -> yesterday.minus(d, ChronoUnit.DAYS)).toList();
        List<String> sessions = ends.stream()
                .map(end -> TestData.completedSession(patient, end.minus(50, ChronoUnit.MINUTES))).toList();
        List<String> items = new ArrayList<>();
        for (int day = 10; day >= 1; day--) {
            items.add(TestData.dailyPainItem(ends.get(0).minus(day, ChronoUnit.DAYS), 8));
        }
        int[] relief = { 14, 12, 16 };
        for (int i = 0; i < 3; i++) {
            for (int day = 1; day <= relief[i]; day++) {
                items.add(TestData.dailyPainItem(ends.get(i).plus(day, ChronoUnit.DAYS), day == relief[i] ? 8 : 3));
            }
        }
        TestData.syncCheckIns(patient, items);

        Response response = TestData.as(clinician).accept(FHIR_JSON).get("/api/v1/patients/{p}/fhir", patient);
        response.then().statusCode(200);
        Bundle bundle = parse(response);
        Map<String, Observation> forecasts = new TreeMap<>();
        for (Observation o : all(bundle, Observation.class)) {
            if (isForecast(o)) {
                forecasts.put(component(o, FhirCodes.BOOSTER_DOMAIN).getValueCodeableConcept().getCodingFirstRep()
                        .getCode(), o);
            }
        }
        assertEquals(Set.of("pain", "sleep", "mobility", "mood"), forecasts.keySet(), "one forecast per domain");
        Observation pain = forecasts.get("pain");
        String tomorrow = java.time.LocalDate.ofInstant(ends.get(3), java.time.ZoneOffset.UTC).plusDays(14).toString();
        assertEquals(tomorrow, pain.getValueDateTimeType().getValueAsString());
        assertEquals("FORECAST", component(pain, FhirCodes.BOOSTER_STATUS).getValueCodeableConcept().getCodingFirstRep()
                .getCode());
        assertEquals(new BigDecimal("14"), component(pain, FhirCodes.BOOSTER_EXPECTED_RELIEF).getValueQuantity().getValue());
        assertEquals("d", component(pain, FhirCodes.BOOSTER_EXPECTED_RELIEF).getValueQuantity().getCode());
        assertEquals(false, component(pain, FhirCodes.BOOSTER_COVERED).getValueBooleanType().getValue());
        List<Observation.ObservationComponentComponent> basis = pain.getComponent().stream()
                .filter(c -> FhirCodes.BOOSTER_BASED_ON.equals(c.getCode().getCodingFirstRep().getCode())).toList();
        assertEquals(List.of("Infusion #3", "Infusion #2", "Infusion #1"),
                basis.stream().map(c -> c.getCode().getText()).toList(), "most recent first");
        assertEquals(List.of(ends.get(2), ends.get(1), ends.get(0)),
                basis.stream().map(c -> c.getValuePeriod().getEnd().toInstant()).toList());
        // Sleep was never reported: no forecast to make, and the reason instead of a date.
        assertEquals(false, forecasts.get("sleep").hasValue());
        assertEquals("unknown", forecasts.get("sleep").getDataAbsentReason().getCodingFirstRep().getCode());
        assertEquals("INSUFFICIENT_DATA", component(forecasts.get("sleep"), FhirCodes.BOOSTER_STATUS)
                .getValueCodeableConcept().getCodingFirstRep().getCode());

        List<DetectedIssue> issues = all(bundle, DetectedIssue.class);
        assertEquals(List.of("BOOSTER_DUE"), issues.stream().map(d -> d.getCode().getCodingFirstRep().getCode()).toList());
        assertEquals(DetectedIssue.DetectedIssueSeverity.LOW, issues.get(0).getSeverity());
        assertEquals(List.of("urn:uuid:" + sessions.get(3)),
                issues.get(0).getImplicated().stream().map(Reference::getReference).toList(), "the latest infusion");
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(List.of(), FhirValidation.errors(entry.getResource()), entry.getFullUrl());
        }
    }

    private static Observation.ObservationComponentComponent component(Observation o, String code) {
        return o.getComponent().stream().filter(c -> code.equals(c.getCode().getCodingFirstRep().getCode()))
                .findFirst().orElseThrow(() -> new AssertionError("no component " + code));
    }

    /**
     * The cost follows the patient's own record, never a query per row: the caller-scoped patient, then their
     * sessions, check-ins and responses, the trend endpoint's three reads for the forecasts, the alerts (unresolved,
     * then resolved), and no lazy loads (vitals and side effects are not exported).
     */
    @Test
    void shouldReadTheRecordInFourQueriesWhateverItsLength() {
        TestData.signInAsClinician();
        String small = TestData.enrollPatient();
        TestData.completedSession(small, 2);
        String large = TestData.enrollPatient();
        for (int i = 0; i < 5; i++) {
            Instant start = Instant.now().minus(30 - 5 * i, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            String session = given().contentType(ContentType.JSON).body("""
                    {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s", "weightKg": 80, "doseMgPerKg": 0.5,
                     "vitals": [{"at": "%s", "systolic": 128, "diastolic": 82, "heartRate": 74, "spo2": 98}],
                     "sideEffects": [{"type": "NAUSEA", "severity": "MILD"}]}
                    """.formatted(start, start.plus(50, ChronoUnit.MINUTES), start.plus(20, ChronoUnit.MINUTES)))
                    .post("/api/v1/patients/{p}/sessions", large).then().statusCode(201).extract().path("id");
            given().contentType(ContentType.JSON).body("{\"context\": \"POST_INFUSION\", \"sessionId\": \"" + session
                    + "\", \"recordedAt\": \"" + start.plus(1, ChronoUnit.HOURS) + "\", \"scores\": {\"pain\": 3}}")
                    .post("/api/v1/patients/{p}/check-ins", large).then().statusCode(201);
            TestData.dailyCheckIn(large, start.plus(2, ChronoUnit.DAYS), 4);
            TestData.questionnaireResponse(large, "gad7", "1,1,1,1,1,1,1");
        }
        for (String patient : List.of(small, large)) {
            Statistics statistics = database.unwrap(SessionFactory.class).getStatistics();
            assertTrue(statistics.isStatisticsEnabled(), "%test.quarkus.hibernate-orm.statistics must be on");
            long queries = statistics.getQueryExecutionCount();
            long lazyLoads = statistics.getCollectionFetchCount() + statistics.getEntityFetchCount();
            given().accept(FHIR_JSON).get("/api/v1/patients/{p}/fhir", patient).then().statusCode(200);
            assertEquals(4 + 3 + 2, statistics.getQueryExecutionCount() - queries, patient);
            assertEquals(0, statistics.getCollectionFetchCount() + statistics.getEntityFetchCount() - lazyLoads, patient);
        }
    }

    @Test
    void shouldLetThePatientExportTheirOwnRecord() {
        Bundle bundle = parse(fetch(TestData.patientToken(course.patient)));
        assertEquals("urn:uuid:" + course.patient, bundle.getEntryFirstRep().getFullUrl());
        // The record and the forecasts; the alerts and who worked them are the care team's to read.
        assertEquals(parse(fetch(TestData.clinicianToken())).getEntry().size() - course.history.size() - 1,
                bundle.getEntry().size());
        assertEquals(List.of(), all(bundle, DetectedIssue.class));
        assertEquals(4, all(bundle, Observation.class).stream().filter(FhirExportResourceTest::isForecast).count());
    }

    @Test
    void shouldAnswerFhirJsonByDefaultAndPlainJsonWhenAskedForIt() {
        TestData.signInAsClinician();
        given().get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(200).contentType(startsWith(FHIR_JSON));
        given().accept(ContentType.JSON).get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(200).contentType(startsWith("application/json"));
        given().accept("application/json;q=0.9, application/fhir+json").get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(200).contentType(startsWith(FHIR_JSON));
        given().accept("application/fhir+xml").get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerAProblemDocumentForAPatientThatIsNotYours() {
        TestData.signInAsClinician();
        given().accept(FHIR_JSON).get("/api/v1/patients/{p}/fhir", TestData.unknownId())
                .then().statusCode(404).contentType("application/problem+json");
        String stranger = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        TestData.as(stranger).accept(FHIR_JSON).get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(404).contentType("application/problem+json");
        TestData.as(TestData.adminToken()).accept(FHIR_JSON).get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldAuditTheExportAndRefusedAttempts() {
        String requestId = "fhir-" + UUID.randomUUID();
        TestData.as(TestData.clinicianToken()).header("X-Request-Id", requestId).accept(FHIR_JSON)
                .get("/api/v1/patients/{p}/fhir", course.patient).then().statusCode(200);
        Map<String, Object> event = event(requestId);
        assertEquals("EXPORT", event.get("action"));
        assertEquals("FhirExport", event.get("resourceType"));
        assertEquals(null, event.get("resourceId"));
        assertEquals("SUCCESS", event.get("outcome"));
        assertEquals("CLINICIAN", event.get("actorRole"));

        String probe = "fhir-probe-" + UUID.randomUUID();
        String stranger = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        TestData.as(stranger).header("X-Request-Id", probe).get("/api/v1/patients/{p}/fhir", course.patient)
                .then().statusCode(404);
        Map<String, Object> refused = event(probe);
        assertEquals("EXPORT", refused.get("action"));
        assertEquals("FhirExport", refused.get("resourceType"));
        assertEquals("NOT_FOUND", refused.get("outcome"));
    }

    /** The patient's audit event of this request; a refused attempt is written just after the answer. */
    private static Map<String, Object> event(String requestId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("patientId", course.patient)
                    .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
            List<Map<String, Object>> found = events.stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
            if (found.size() == 1) {
                return found.get(0);
            }
            assertTrue(found.isEmpty(), "audited twice: " + found);
            assertTrue(System.currentTimeMillis() < deadline, "no audit event for request " + requestId);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
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
}
