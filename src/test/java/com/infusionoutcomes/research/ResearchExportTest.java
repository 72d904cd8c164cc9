package com.infusionoutcomes.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.Rfc4180;
import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The research export de-identifies: a hand-built patient's every identifier is searched for in every exported
 * byte, and their day offsets and age are checked against hand computations.
 *
 * <pre>
 * A: born 1949, America/Chicago (UTC−5 from 8 March 2026), FIBROMYALGIA, MIGRAINE, NEUROPATHY
 *    infusion 1 2026-03-10T15:00:00Z (10:00 local, day 0), 45 minutes, vitals at +0 and +30 minutes
 *    infusion 2 2026-03-17T16:00:00Z (day 7)
 *    check-in 2026-03-09T04:30:00Z = 8 March 23:30 local: day −2 (the UTC date, 9 March, would say −1)
 *    check-in 2026-03-12T02:00:00Z = 11 March 21:00 local: day 1
 *    PHQ-9 2026-03-17T15:40:00Z before infusion 2: day 7
 *    age at the first infusion: 2026 − 1949 = 77
 * B: born 1931, one infusion in 2026: 95, reported as 90+
 * C: no completed infusion: no day 0, so not exported at all
 * </pre>
 */
@QuarkusTest
class ResearchExportTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    /** Everything that identifies the source patients, as text that must not appear anywhere in the export. */
    private final List<String> identifiers = new ArrayList<>();
    private final List<Instant> instants = new ArrayList<>();

    private String enroll(String name, String mrn, int birthYear, String conditions, String zone) {
        String id = TestData.enrollPatient("{\"displayName\": \"" + name + "\", \"externalId\": \"" + mrn
                + "\", \"birthYear\": " + birthYear + ", \"conditions\": [" + conditions + "], \"timezone\": \""
                + zone + "\", \"enrolledAt\": \"2026-02-20T14:07:00Z\"}");
        identifiers.addAll(List.of(id, name, mrn));
        instants.add(Instant.parse("2026-02-20T14:07:00Z"));
        return id;
    }

    private String session(String patient, String start, String end, String vitals, String note) {
        String id = given().contentType(ContentType.JSON).body("""
                {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s", "weightKg": 71.5, "doseMgPerKg": 0.55,
                 "vitals": [%s],
                 "sideEffects": [{"type": "NAUSEA", "severity": "MODERATE", "note": "%s side effect"}],
                 "notes": "%s"}
                """.formatted(start, end, vitals, note, note))
                .when().post("/api/v1/patients/{p}/sessions", patient)
                .then().statusCode(201).extract().path("id");
        identifiers.addAll(List.of(id, note));
        instants.addAll(List.of(Instant.parse(start), Instant.parse(end)));
        return id;
    }

    private void checkIn(String patient, String at, int pain, String note) {
        String id = given().contentType(ContentType.JSON).body("""
                {"context": "DAILY", "recordedAt": "%s", "scores": {"pain": %d, "mood": 4}, "note": "%s"}
                """.formatted(at, pain, note))
                .when().post("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(201).extract().path("id");
        identifiers.addAll(List.of(id, note));
        instants.add(Instant.parse(at));
    }

    @Test
    void shouldExportNoIdentifierAndDayOffsetsFromTheFirstInfusion() throws IOException {
        TestData.signInAsNewClinician();
        String a = enroll("Zebulon Quarterfield", "MRN-7731942", 1949, "\"FIBROMYALGIA\", \"MIGRAINE\", \"NEUROPATHY\"",
                "America/Chicago");
        String s1 = session(a, "2026-03-10T15:00:00Z", "2026-03-10T15:45:00Z",
                "{\"at\": \"2026-03-10T15:00:00Z\", \"systolic\": 131, \"diastolic\": 83, \"heartRate\": 77, \"spo2\": 97},"
                        + "{\"at\": \"2026-03-10T15:30:00Z\", \"systolic\": 142, \"diastolic\": 88, \"heartRate\": 81, \"spo2\": 96}",
                "Quarterfield tolerated the first infusion");
        session(a, "2026-03-17T16:00:00Z", "2026-03-17T16:50:00Z", "", "Second infusion for Zebulon");
        checkIn(a, "2026-03-09T04:30:00Z", 7, "Zebulon could not sleep before the infusion");
        checkIn(a, "2026-03-12T02:00:00Z", 3, "Much better after the first one, thanks Dr Q");
        String phq9 = TestData.questionnaireResponse(a, "phq9", "2,2,2,2,1,1,1,0,0", Instant.parse("2026-03-17T15:40:00Z"));
        identifiers.addAll(List.of(phq9, s1));
        instants.add(Instant.parse("2026-03-17T15:40:00Z"));

        String b = enroll("Philomena Underhay", "MRN-8820417", 1931, "\"CRPS\", \"OTHER\"", "Europe/Berlin");
        session(b, "2026-05-02T08:15:00Z", "2026-05-02T09:00:00Z", "", "Underhay infusion at 0.55 mg/kg");
        checkIn(b, "2026-05-03T18:00:00Z", 5, "Philomena reports a good day");
        String c = enroll("Cornelius Vantablack", "MRN-1190023", 1972, "\"OTHER\"", "Asia/Tokyo");
        checkIn(c, "2026-04-01T01:00:00Z", 6, "Cornelius waiting for a first appointment");

        String researcher = TestData.researcherToken();
        byte[] zip = TestData.as(researcher).when().get("/api/v1/research-export")
                .then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", startsWith("attachment; filename=\"research-export-"))
                .extract().asByteArray();
        Map<String, String> files = unzip(zip);
        assertEquals(List.of("patients.csv", "infusions.csv", "side-effects.csv", "vitals.csv", "check-ins.csv",
                "questionnaires.csv"), List.copyOf(files.keySet()));

        String everything = String.join("\n", files.values());
        for (String identifier : identifiers) {
            assertFalse(everything.toLowerCase(Locale.ROOT).contains(identifier.toLowerCase(Locale.ROOT)),
                    () -> "exported: " + identifier);
        }
        for (String format : dateForms()) {
            assertFalse(everything.contains(format), () -> "exported a date: " + format);
        }
        for (String zone : List.of("America/Chicago", "Europe/Berlin", "Asia/Tokyo", "Chicago")) {
            assertFalse(everything.contains(zone), zone);
        }
        // A four-digit year can turn up inside a random hexadecimal pseudonym, so birth years are looked for as
        // whole fields.
        for (String file : files.values()) {
            for (List<String> row : Rfc4180.parse(file)) {
                assertFalse(row.contains("1949") || row.contains("1931") || row.contains("1972"), row.toString());
            }
        }

        List<List<String>> patients = Rfc4180.parse(files.get("patients.csv"));
        assertEquals(List.of("patient", "ageAtFirstInfusion", "conditions", "completedInfusions"), patients.get(0));
        List<List<String>> aRows = patients.stream().filter(r -> r.get(2).equals("FIBROMYALGIA;MIGRAINE;NEUROPATHY")
                && r.get(1).equals("77")).toList();
        assertEquals(1, aRows.size(), aRows.toString());
        String pa = aRows.get(0).get(0);
        assertEquals("2", aRows.get(0).get(3));
        assertTrue(pa.matches("P-[0-9a-f]{12}"), pa);
        List<List<String>> bRows = patients.stream().filter(r -> r.get(2).equals("CRPS;OTHER")
                && r.get(1).equals("90+")).toList();
        assertEquals(1, bRows.size(), bRows.toString());
        assertEquals(patients.size() - 1, patients.stream().skip(1).map(r -> r.get(0)).distinct().count(),
                "one pseudonym per patient");

        // Dose as stored, with the total the service derived: 71.5 kg · 0.55 mg/kg = 39.325 -> 39.33 mg
        assertEquals(List.of(List.of(pa, "1", "0", "45", "71.5", "0.55", "39.33", ""),
                List.of(pa, "2", "7", "50", "71.5", "0.55", "39.33", "")), rowsOf(files.get("infusions.csv"), pa));
        assertEquals(List.of(List.of(pa, "1", "NAUSEA", "MODERATE"), List.of(pa, "2", "NAUSEA", "MODERATE")),
                rowsOf(files.get("side-effects.csv"), pa));
        assertEquals(List.of(List.of(pa, "1", "0", "131", "83", "77", "97"), List.of(pa, "1", "30", "142", "88", "81", "96")),
                rowsOf(files.get("vitals.csv"), pa));
        assertEquals(List.of(List.of(pa, "-2", "1", "DAILY", "", "7", "", "", "4"),
                List.of(pa, "1", "2", "DAILY", "", "3", "", "", "4")), rowsOf(files.get("check-ins.csv"), pa));
        assertEquals(List.of(List.of(pa, "7", "1", "phq9", "", "", "11", "MODERATE")),
                rowsOf(files.get("questionnaires.csv"), pa));

        // A second export draws new pseudonyms: nothing links the two files, or either to the record.
        Map<String, String> again = unzip(TestData.as(researcher).when().get("/api/v1/research-export")
                .then().statusCode(200).extract().asByteArray());
        List<String> first = patients.stream().skip(1).map(r -> r.get(0)).toList();
        List<String> second = Rfc4180.parse(again.get("patients.csv")).stream().skip(1).map(r -> r.get(0)).toList();
        assertEquals(first.size(), second.size());
        assertTrue(first.stream().noneMatch(second::contains), "a pseudonym survived into the next export");

        assertAuditedWithItsRowCounts(researcher, files);
    }

    private static List<List<String>> rowsOf(String csv, String pseudonym) {
        return Rfc4180.parse(csv).stream().filter(r -> r.get(0).equals(pseudonym)).toList();
    }

    /** Every instant of the source patients, as the export might have spelt it. */
    private List<String> dateForms() {
        List<String> forms = new ArrayList<>();
        List<DateTimeFormatter> dates = List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE,
                DateTimeFormatter.ofPattern("MM/dd/yyyy"), DateTimeFormatter.ofPattern("dd/MM/yyyy"),
                DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH), DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        for (Instant instant : instants) {
            forms.add(instant.toString());
            forms.add(instant.toString().replace("T", " ").replace("Z", ""));
            forms.add(Long.toString(instant.getEpochSecond()));
            forms.add(Long.toString(instant.toEpochMilli()));
            for (ZoneId zone : List.of(ZoneOffset.UTC, CHICAGO, ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"))) {
                LocalDate day = LocalDate.ofInstant(instant, zone);
                dates.forEach(f -> forms.add(f.format(day)));
            }
        }
        return forms;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void assertAuditedWithItsRowCounts(String researcher, Map<String, String> files) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(researcher.split("\\.")[1]),
                StandardCharsets.UTF_8);
        String researcherId = payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
        List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("actorId", researcherId)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(e -> !"SIGN_IN".equals(e.get("action"))).toList();
        assertEquals(2, events.size(), events.toString());
        Map<String, Object> event = events.get(events.size() - 1).get("at").toString()
                .compareTo(events.get(0).get("at").toString()) < 0 ? events.get(events.size() - 1) : events.get(0);
        assertEquals("EXPORT", event.get("action"));
        assertEquals("ResearchExport", event.get("resourceType"));
        assertEquals("SUCCESS", event.get("outcome"));
        assertEquals("RESEARCHER", event.get("actorRole"));
        String counts = files.entrySet().stream().map(f -> name(f.getKey()) + "=" + (Rfc4180.parse(f.getValue()).size() - 1))
                .collect(Collectors.joining(" "));
        List<String> details = events.stream().map(e -> (String) e.get("detail")).toList();
        assertTrue(details.contains(counts), details + " vs " + counts);
        assertNotEquals(null, event.get("requestId"));
    }

    private static String name(String file) {
        return switch (file) {
            case "side-effects.csv" -> "sideEffects";
            case "check-ins.csv" -> "checkIns";
            default -> file.replace(".csv", "");
        };
    }

    @Test
    void shouldRefuseEveryoneButResearchers() {
        TestData.as(TestData.adminToken()).when().get("/api/v1/research-export").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        TestData.as(TestData.clinicianToken()).when().get("/api/v1/research-export").then().statusCode(403);
        TestData.anonymous().when().get("/api/v1/research-export").then().statusCode(401);
    }
}
