package com.infusionoutcomes.clinic;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ClinicResourceTest {

    @Test
    void theCrisisContactIsServedWithoutSignInFromConfiguration() {
        TestData.anonymous()
                .when().get("/api/v1/clinic")
                .then().statusCode(200)
                .contentType("application/json")
                .body("name", equalTo("Infusion clinic"))
                .body("crisisContact", containsString("988"))
                .body("crisisPhone", equalTo("988"));
    }

    @Test
    void theWebAppPagesCarryAStrictContentSecurityPolicyAndTheApiDoesNot() {
        TestData.anonymous()
                .when().get("/patient/")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff");
        TestData.anonymous()
                .when().get("/api/v1/clinic")
                .then().statusCode(200)
                .header("Content-Security-Policy", nullValue());
    }
}
