package com.infusionoutcomes.patient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class PatientResourceTest {

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }


    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldEnrollPatientAndAnswerWithLocationAndStoredRecord() {
        String mrn = "MRN-" + UUID.randomUUID();
        Response created = given().contentType(ContentType.JSON).body("""
                {"externalId": "%s", "displayName": "Ana Diaz", "birthYear": 1980,
                 "conditions": ["FIBROMYALGIA", "MIGRAINE"], "timezone": "America/New_York"}
                """.formatted(mrn))
                .when().post("/api/v1/patients");
        created.then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("externalId", equalTo(mrn))
                .body("displayName", equalTo("Ana Diaz"))
                .body("birthYear", equalTo(1980))
                .body("conditions", contains("FIBROMYALGIA", "MIGRAINE"))
                .body("timezone", equalTo("America/New_York"))
                .body("enrolledAt", notNullValue());
        String id = created.path("id");
        assertTrue(created.header("Location").matches("^https?://[^/]+/api/v1/patients/" + id + "$"),
                created.header("Location"));

        given().when().get(created.header("Location"))
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("externalId", equalTo(mrn))
                .body("conditions", contains("FIBROMYALGIA", "MIGRAINE"));
    }

    @Test
    void shouldDefaultTimezoneConditionsAndEnrollmentTime() {
        Instant before = Instant.now();
        Response created = given().contentType(ContentType.JSON).body("{\"displayName\": \"Minimal\"}")
                .when().post("/api/v1/patients");
        created.then().statusCode(201)
                .body("timezone", equalTo("UTC"))
                .body("conditions", empty())
                .body("externalId", nullValue())
                .body("birthYear", nullValue());
        Instant enrolledAt = Instant.parse(created.path("enrolledAt"));
        assertTrue(!enrolledAt.isBefore(before.minusSeconds(1)) && enrolledAt.isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void shouldRefuseDuplicateExternalIdWithConflict() {
        String mrn = "MRN-" + UUID.randomUUID();
        TestData.enrollPatient("{\"externalId\": \"" + mrn + "\", \"displayName\": \"First\"}");
        given().contentType(ContentType.JSON).body("{\"externalId\": \"" + mrn + "\", \"displayName\": \"Second\"}")
                .when().post("/api/v1/patients")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:conflict"))
                .body("status", equalTo(409))
                .body("title", notNullValue())
                .body("detail", notNullValue());
        given().queryParam("q", mrn).when().get("/api/v1/patients")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].displayName", equalTo("First"));
    }

    @Test
    void shouldNotGetUnknownPatient() {
        given().when().get("/api/v1/patients/{id}", TestData.unknownId())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("Patient not found"));
        given().when().get("/api/v1/patients/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void shouldRefuseInvalidPatientNamingEveryField() {
        given().contentType(ContentType.JSON).body("""
                {"displayName": "", "birthYear": 1800, "timezone": "Mars/Olympus_Mons", "externalId": ""}
                """)
                .when().post("/api/v1/patients")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:validation-failed"))
                .body("errors.pointer", contains("/birthYear", "/displayName", "/externalId", "/timezone"))
                .body("errors.detail", hasItem(startsWith("must be an IANA time zone")));
    }

    @Test
    void shouldRefuseUnknownPropertyAndUnknownCondition() {
        given().contentType(ContentType.JSON).body("{\"displayName\": \"Typo\", \"timezon\": \"UTC\"}")
                .when().post("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/timezon"))
                .body("errors[0].detail", startsWith("unknown property"));
        given().contentType(ContentType.JSON).body("{\"displayName\": \"X\", \"conditions\": [\"FLU\"]}")
                .when().post("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/conditions/0"))
                .body("errors[0].detail", startsWith("must be one of"));
    }

    @Test
    void shouldRefuseBirthYearInTheFuture() {
        given().contentType(ContentType.JSON).body("{\"displayName\": \"X\", \"birthYear\": 2099}")
                .when().post("/api/v1/patients")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/birthYear"));
    }

    @Test
    void shouldRefuseWrongJsonTypeAsMalformed() {
        given().contentType(ContentType.JSON).body("{\"displayName\": \"X\", \"birthYear\": \"nineteen-eighty\"}")
                .when().post("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:malformed-request"))
                .body("errors[0].pointer", equalTo("/birthYear"));
        given().contentType(ContentType.JSON).body("{\"displayName\": 42}")
                .when().post("/api/v1/patients")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/displayName"));
    }

    @Test
    void shouldApplyMergePatchAndRemoveFieldsSetToNull() {
        String id = TestData.enrollPatient("""
                {"displayName": "Before", "birthYear": 1970, "conditions": ["CRPS"], "timezone": "Europe/London"}
                """);
        given().contentType("application/merge-patch+json").body("{\"displayName\": \"After\", \"birthYear\": null}")
                .when().patch("/api/v1/patients/{id}", id)
                .then().statusCode(200)
                .body("displayName", equalTo("After"))
                .body("birthYear", nullValue())
                .body("conditions", contains("CRPS"))
                .body("timezone", equalTo("Europe/London"));
        given().when().get("/api/v1/patients/{id}", id)
                .then().statusCode(200).body("displayName", equalTo("After")).body("birthYear", nullValue());
    }

    @Test
    void shouldRefuseInvalidPatchAndKeepThePatientUnchanged() {
        String id = TestData.enrollPatient("{\"displayName\": \"Stable\", \"timezone\": \"Asia/Tokyo\"}");
        given().contentType("application/merge-patch+json").body("{\"displayName\": null, \"timezone\": \"Nowhere\"}")
                .when().patch("/api/v1/patients/{id}", id)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/displayName", "/timezone"));
        given().contentType("application/merge-patch+json").body("{\"dispayName\": \"Typo\"}")
                .when().patch("/api/v1/patients/{id}", id)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/dispayName"));
        given().contentType("application/merge-patch+json").body("{\"displayName\": ")
                .when().patch("/api/v1/patients/{id}", id)
                .then().statusCode(400).contentType(PROBLEM);
        given().when().get("/api/v1/patients/{id}", id)
                .then().statusCode(200).body("displayName", equalTo("Stable")).body("timezone", equalTo("Asia/Tokyo"));
    }

    @Test
    void shouldRefusePatchToAnotherPatientsExternalId() {
        String mrn = "MRN-" + UUID.randomUUID();
        TestData.enrollPatient("{\"externalId\": \"" + mrn + "\", \"displayName\": \"Owner\"}");
        String other = TestData.enrollPatient("{\"displayName\": \"Other\"}");
        given().contentType("application/merge-patch+json").body("{\"externalId\": \"" + mrn + "\"}")
                .when().patch("/api/v1/patients/{id}", other)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void shouldNotPatchUnknownPatient() {
        given().contentType("application/merge-patch+json").body("{\"displayName\": \"Ghost\"}")
                .when().patch("/api/v1/patients/{id}", TestData.unknownId())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldSearchByNameOrExternalIdAndPageWithCursor() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> names = List.of("Alpha " + tag, "Bravo " + tag, "Charlie " + tag, "Delta " + tag, "Echo " + tag);
        for (String name : names) {
            TestData.enrollPatient("{\"displayName\": \"" + name + "\"}");
        }
        TestData.enrollPatient("{\"displayName\": \"Foxtrot\", \"externalId\": \"EXT-" + tag + "\"}");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("q", tag.toUpperCase()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/patients");
            page.then().statusCode(200);
            seen.addAll(page.path("items.displayName"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(List.of("Alpha " + tag, "Bravo " + tag, "Charlie " + tag, "Delta " + tag, "Echo " + tag,
                "Foxtrot"), seen);
        assertEquals(3, pages);
    }

    /** Cursors travel in URLs (browser history, proxy logs): the name a page ended at must not be in one. */
    @Test
    void shouldPageWithCursorsThatCarryNoPatientData() {
        String tag = "Quillon" + UUID.randomUUID().toString().substring(0, 6);
        TestData.enrollPatient("{\"displayName\": \"" + tag + " Amsel\"}");
        TestData.enrollPatient("{\"displayName\": \"" + tag + " Brandt\"}");
        String cursor = given().queryParam("q", tag).queryParam("limit", 1).when().get("/api/v1/patients")
                .then().statusCode(200).body("items[0].displayName", equalTo(tag + " Amsel"))
                .extract().path("nextCursor");
        byte[] raw = java.util.Base64.getUrlDecoder().decode(cursor);
        String asText = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!asText.contains("Quillon") && !asText.contains("Amsel"), asText);
        given().queryParam("q", tag).queryParam("limit", 1).queryParam("cursor", cursor).when().get("/api/v1/patients")
                .then().statusCode(200).body("items[0].displayName", equalTo(tag + " Brandt"));
        raw[raw.length - 1] ^= 1;
        given().queryParam("q", tag).queryParam("cursor", java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raw)).when().get("/api/v1/patients")
                .then().statusCode(400).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void shouldRefuseBadPagingParameters() {
        given().queryParam("limit", 0).when().get("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].parameter", equalTo("limit"));
        given().queryParam("limit", 501).when().get("/api/v1/patients")
                .then().statusCode(422).body("errors[0].parameter", equalTo("limit"));
        given().queryParam("limit", "ten").when().get("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("limit"));
        given().queryParam("cursor", "not-a-cursor").when().get("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void shouldDefaultPageSizeToFifty() {
        for (int i = 0; i < 51; i++) {
            TestData.enrollPatient("{\"displayName\": \"Bulk " + i + "\"}");
        }
        given().when().get("/api/v1/patients")
                .then().statusCode(200).body("items", hasSize(50)).body("nextCursor", notNullValue());
    }
}
