package com.infusionoutcomes.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;
import com.infusionoutcomes.TestData.Answer;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The doors under attack: parallel guesses, parallel refreshes, guesses aimed at somebody else's account from
 * another address, and a flood of sign-ins while clinicians read patient data.
 */
@QuarkusTest
class SignInUnderAttackTest {

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordHashing hashing;

    @AfterEach
    void forget() {
        throttle.reset();
        TestData.signOut();
    }

    private static Response refresh(String refreshToken) {
        return TestData.anonymous().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/v1/auth/refresh");
    }

    private static String signInJson(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }

    @Test
    void shouldCheckAtMostTheLimitOfOneHundredParallelWrongPasswords() throws Exception {
        String username = TestData.createStaff("CLINICIAN");
        long before = hashing.checks();
        List<Integer> statuses = TestData.concurrently(100,
                i -> TestData.login(username, "wrong-password-" + i).statusCode());
        long checked = hashing.checks() - before;
        assertTrue(checked >= 1 && checked <= 5, checked + " of 100 parallel guesses reached bcrypt; the limit is 5");
        assertEquals(checked, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        // The rest were refused unchecked: by the throttle, or by the bulkhead when bcrypt queued too long.
        assertEquals(100 - checked, statuses.stream().filter(s -> s == 429 || s == 503).count(), statuses.toString());
    }

    @Test
    void shouldNotLetAnotherAddressLockSomebodysAccount() {
        String username = TestData.createStaff("CLINICIAN");
        for (int i = 0; i < 8; i++) {
            TestData.postFrom("127.0.0.2", "/api/v1/auth/token", signInJson(username, "wrong-password-" + i));
        }
        assertEquals(429, TestData.postFrom("127.0.0.2", "/api/v1/auth/token",
                signInJson(username, TestData.PASSWORD)).status(), "the guessing address is refused");
        TestData.login(username, TestData.PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldLimitRefreshesAndEnrollmentsPerAddressNeverForEveryone() {
        for (int i = 0; i < 25; i++) {
            TestData.postFrom("127.0.0.3", "/api/v1/auth/refresh", "{\"refreshToken\": \"made-up-" + i + "\"}");
            TestData.postFrom("127.0.0.3", "/api/v1/auth/enroll",
                    "{\"code\": \"GUESS" + i + "\", \"username\": \"guess-" + i + "\", \"password\": \"" + TestData.PASSWORD
                            + "\"}");
        }
        Answer refused = TestData.postFrom("127.0.0.3", "/api/v1/auth/refresh", "{\"refreshToken\": \"made-up\"}");
        assertEquals(429, refused.status());
        assertNotNull(refused.headers().get("retry-after"));
        assertEquals(429, TestData.postFrom("127.0.0.3", "/api/v1/auth/enroll",
                "{\"code\": \"GUESSAGAIN\", \"username\": \"guess-x\", \"password\": \"" + TestData.PASSWORD + "\"}")
                .status());

        // Everyone else refreshes and enrolls as usual, including an account named like the old shared counter.
        String named = "refresh";
        TestData.as(TestData.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", named, "password", TestData.PASSWORD, "role", "CLINICIAN",
                        "displayName", "Named Refresh"))
                .post("/api/v1/users");
        String refreshToken = TestData.login(named, TestData.PASSWORD).then().statusCode(200).extract()
                .path("refreshToken");
        refresh(refreshToken).then().statusCode(200);
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        TestData.signOut();
        assertNotNull(TestData.patientToken(patient));
    }

    @Test
    void shouldLetExactlyOneOfEightParallelRefreshesWinAndRevokeTheWholeFamily() throws Exception {
        Response signedIn = TestData.login(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        String firstAccess = signedIn.path("accessToken");
        String token = signedIn.path("refreshToken");
        List<Response> answers = TestData.concurrently(8, i -> refresh(token));
        List<Response> winners = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, winners.size(), answers.stream().map(Response::statusCode).toList().toString());
        // The others were reuses (401), or refused by the per-token throttle before they were looked at (429).
        assertTrue(Set.of(200, 401, 429).containsAll(answers.stream().map(Response::statusCode).toList()));
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 401), "at least one reuse was seen");

        // The seven losers were reuses: the family is revoked, the winner's new pair and the first access token too.
        Response winner = winners.get(0);
        assertEquals(401, TestData.as(winner.path("accessToken")).get("/api/v1/patients").statusCode());
        assertEquals(401, TestData.as(firstAccess).get("/api/v1/patients").statusCode());
        refresh(winner.path("refreshToken")).then().statusCode(401);
    }

    @Test
    void shouldRevokeEveryTokenOfTheFamilyWhenARefreshTokenIsReused() {
        Response signedIn = TestData.login(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        String first = signedIn.path("refreshToken");
        Response rotated = refresh(first);
        rotated.then().statusCode(200);
        String access = rotated.path("accessToken");
        assertEquals(200, TestData.as(access).get("/api/v1/patients").statusCode());

        refresh(first).then().statusCode(401);
        assertEquals(401, TestData.as(access).get("/api/v1/patients").statusCode(), "the access token of the family");
        refresh(rotated.path("refreshToken")).then().statusCode(401);
    }

    @Test
    void shouldShedASignInFloodWith503AndKeepServingPatientData() throws Exception {
        String username = TestData.createStaff("CLINICIAN");
        String clinician = TestData.clinicianToken();
        TestData.signIn(clinician);
        String patient = TestData.enrollPatient();
        TestData.signOut();
        int flood = 200;
        int reads = 40;
        // Each sign-in from an address of its own, so the throttle lets every one reach the bulkhead.
        List<Object> answers = TestData.concurrently(flood + reads, i -> i < flood
                ? TestData.postFrom("127.0.1." + (i + 1), "/api/v1/auth/token", signInJson(username, TestData.PASSWORD))
                : TestData.as(clinician).get("/api/v1/patients/{p}", patient).statusCode());
        List<Answer> signIns = answers.subList(0, flood).stream().map(Answer.class::cast).toList();
        for (Answer a : signIns) {
            assertTrue(a.status() == 200 || a.status() == 503, "sign-in answered " + a.status() + ": " + a.body());
            if (a.status() == 503) {
                assertNotNull(a.headers().get("retry-after"), a.headers().toString());
                assertTrue(a.headers().get("content-type").startsWith("application/problem+json"));
            }
        }
        assertTrue(signIns.stream().anyMatch(a -> a.status() == 200), "some sign-ins got through");
        List<Object> readStatuses = answers.subList(flood, flood + reads);
        assertEquals(List.of(200), readStatuses.stream().distinct().toList(), "every patient-data read succeeded");
    }
}
