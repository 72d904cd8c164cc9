package com.infusionoutcomes.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;

/** A token verified once is accepted again without verifying it, but never past its expiry nor in another form. */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    SigningKeys keys;

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    @Test
    void shouldRefuseARememberedTokenOnceItHasExpired() throws Exception {
        String clinicianId = TestData.userId(TestData.signInAsNewClinician());
        TestData.signOut();
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String token = TestData.signedToken(keys.privateKey(), clinicianId, "CLINICIAN", expiresAt);

        TestData.as(token).get("/api/v1/patients").then().statusCode(200);
        TestData.as(token).get("/api/v1/patients").then().statusCode(200);
        Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 200);
        TestData.as(token).get("/api/v1/patients").then().statusCode(401);
    }

    @Test
    void shouldRefuseAnAlteredCopyOfARememberedToken() {
        String token = TestData.signInAsNewClinician();
        TestData.signOut();
        TestData.as(token).get("/api/v1/patients").then().statusCode(200);

        // The same header and claims under another signature: the text differs, so it is verified, and fails.
        int last = token.length() - 2;
        String altered = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.charAt(last + 1);
        TestData.as(altered).get("/api/v1/patients").then().statusCode(401);
        TestData.as(token).get("/api/v1/patients").then().statusCode(200);
    }
}
