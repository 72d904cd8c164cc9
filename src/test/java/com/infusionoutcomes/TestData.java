package com.infusionoutcomes;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Builds the records a test needs through the public API, so every fixture passes the same validation. */
public final class TestData {

    private TestData() {
    }

    public static String enrollPatient() {
        return enrollPatient("{\"displayName\": \"Test Patient\", \"timezone\": \"America/New_York\"}");
    }

    public static String enrollPatient(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A COMPLETED 50-minute infusion that started {@code daysAgo} days ago. */
    public static String completedSession(String patientId, int daysAgo) {
        Instant start = Instant.now().minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return completedSession(patientId, start);
    }

    public static String completedSession(String patientId, Instant start) {
        String body = """
                {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s", "weightKg": 70, "doseMgPerKg": 0.5}
                """.formatted(start, start.plus(50, ChronoUnit.MINUTES));
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/sessions", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String dailyCheckIn(String patientId, Instant recordedAt, int pain) {
        String body = """
                {"context": "DAILY", "recordedAt": "%s", "scores": {"pain": %d}}
                """.formatted(recordedAt, pain);
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/check-ins", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String unknownId() {
        return UUID.randomUUID().toString();
    }
}
