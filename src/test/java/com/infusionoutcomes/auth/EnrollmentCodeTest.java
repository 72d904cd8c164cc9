package com.infusionoutcomes.auth;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A patient's enrollment codes: only the newest one works. */
@QuarkusTest
class EnrollmentCodeTest {

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String code(String patient) {
        return TestData.as(TestData.clinicianToken()).post("/api/v1/patients/{p}/enrollment-code", patient)
                .then().statusCode(201).extract().path("code");
    }

    private static Response redeem(String code) {
        return TestData.anonymous().contentType(ContentType.JSON)
                .body(Map.of("code", code, "username", "p-" + UUID.randomUUID().toString().substring(0, 8),
                        "password", TestData.PASSWORD))
                .post("/api/v1/auth/enroll");
    }

    @Test
    void shouldRevokeTheOlderCodesWhenANewOneIsIssued() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String lost = code(patient);
        String replaced = code(patient);
        String newest = code(patient);
        redeem(lost).then().statusCode(422).contentType("application/problem+json");
        redeem(replaced).then().statusCode(422);
        redeem(newest).then().statusCode(201);
    }
}
