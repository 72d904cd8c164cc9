package com.infusionoutcomes.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Ending access: sign-out, deactivation, a new password, a reset code; and the audit events each leaves. */
@QuarkusTest
class AccountLifecycleTest {

    private static final String NEW_PASSWORD = "cedar-window-lantern-42";

    @Inject
    LoginThrottle throttle;

    @AfterEach
    void forget() {
        throttle.reset();
        TestData.signOut();
    }

    private static int readPatients(String accessToken) {
        return TestData.as(accessToken).get("/api/v1/patients").statusCode();
    }

    private static Response post(String path, Object body) {
        return TestData.anonymous().contentType(ContentType.JSON).body(body).post(path);
    }

    private static Response changePassword(String accessToken, String current, String next) {
        return TestData.as(accessToken).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/v1/auth/password");
    }

    /** The account events of one account since a moment, oldest first, as action/outcome/actor. */
    private static List<String> accountEvents(String accountId, Instant since) {
        JsonPath events = TestData.as(TestData.adminToken()).queryParam("from", since.toString())
                .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = events.getList("items");
        List<String> newestFirst = items.stream()
                .filter(e -> "Account".equals(e.get("resourceType")) && accountId.equals(e.get("resourceId")))
                .map(e -> e.get("action") + "/" + e.get("outcome") + "/" + (e.get("actorId") == null ? "nobody"
                        : e.get("actorId").equals(accountId) ? "self" : "other"))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void shouldSignOutEndingTheRefreshAndAccessTokensOfThatSignInOnly() {
        String username = TestData.createStaff("CLINICIAN");
        Response kept = TestData.login(username, TestData.PASSWORD);
        Response ended = TestData.login(username, TestData.PASSWORD);
        post("/api/v1/auth/sign-out", Map.of("refreshToken", ended.path("refreshToken"))).then().statusCode(204);

        assertEquals(401, readPatients(ended.path("accessToken")));
        post("/api/v1/auth/refresh", Map.of("refreshToken", ended.path("refreshToken"))).then().statusCode(401);
        assertEquals(200, readPatients(kept.path("accessToken")), "another sign-in of the same account goes on");
        post("/api/v1/auth/sign-out", Map.of("refreshToken", "never-issued")).then().statusCode(204);
        post("/api/v1/auth/sign-out", Map.of("refreshToken", ended.path("refreshToken"))).then().statusCode(204);
    }

    @Test
    void shouldDeactivateAnAccountEndingEveryTokenAtOnceAndReactivateIt() {
        Instant start = Instant.now().minusSeconds(1);
        String username = TestData.createStaff("CLINICIAN");
        Response signedIn = TestData.login(username, TestData.PASSWORD);
        String access = signedIn.path("accessToken");
        String id = TestData.subject(access);
        assertEquals(200, readPatients(access));
        String admin = TestData.adminToken();

        TestData.as(admin).post("/api/v1/users/{u}/deactivate", id).then().statusCode(200)
                .body("active", equalTo(false));
        assertEquals(401, readPatients(access));
        post("/api/v1/auth/refresh", Map.of("refreshToken", signedIn.path("refreshToken"))).then().statusCode(401);
        Response refused = TestData.login(username, TestData.PASSWORD);
        refused.then().statusCode(401);
        assertEquals(TestData.login(username, "wrong-password-1").<String>path("detail"), refused.<String>path("detail"),
                "a deactivated account is not told apart from a wrong password");

        TestData.as(admin).post("/api/v1/users/{u}/reactivate", id).then().statusCode(200)
                .body("active", equalTo(true));
        assertEquals(401, readPatients(access), "tokens from before the deactivation stay revoked");
        assertEquals(200, readPatients(TestData.login(username, TestData.PASSWORD).path("accessToken")));
        TestData.as(admin).get("/api/v1/users/{u}", id).then().statusCode(200).body("active", equalTo(true));
        TestData.as(admin).post("/api/v1/users/{u}/deactivate", TestData.subject(admin)).then().statusCode(409);

        assertEquals(List.of("SIGN_IN/SUCCESS/self", "DEACTIVATE/SUCCESS/other", "SIGN_IN/DENIED/nobody",
                "SIGN_IN/DENIED/nobody", "REACTIVATE/SUCCESS/other", "SIGN_IN/SUCCESS/self"), accountEvents(id, start));
    }

    @Test
    void shouldChangeOnesOwnPasswordOnlyWithTheCurrentOneAndEndEverySignIn() {
        Instant start = Instant.now().minusSeconds(1);
        String username = TestData.createStaff("CLINICIAN");
        Response signedIn = TestData.login(username, TestData.PASSWORD);
        String access = signedIn.path("accessToken");
        String id = TestData.subject(access);

        changePassword(access, "not-my-password", NEW_PASSWORD).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/currentPassword"));
        changePassword(access, TestData.PASSWORD, "QwErTy123456").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/newPassword"));
        changePassword(access, TestData.PASSWORD, "my-" + username + "-pass").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/newPassword"));
        assertEquals(200, readPatients(access), "refused changes change nothing");

        changePassword(access, TestData.PASSWORD, NEW_PASSWORD).then().statusCode(204);
        assertEquals(401, readPatients(access));
        post("/api/v1/auth/refresh", Map.of("refreshToken", signedIn.path("refreshToken"))).then().statusCode(401);
        TestData.login(username, TestData.PASSWORD).then().statusCode(401);
        TestData.login(username, NEW_PASSWORD).then().statusCode(200);
        TestData.anonymous().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", NEW_PASSWORD, "newPassword", TestData.PASSWORD))
                .post("/api/v1/auth/password").then().statusCode(401);

        List<String> events = accountEvents(id, start);
        assertEquals(List.of("SIGN_IN/SUCCESS/self", "CHANGE_PASSWORD/DENIED/self", "CHANGE_PASSWORD/SUCCESS/self",
                "SIGN_IN/DENIED/nobody", "SIGN_IN/SUCCESS/self"), events);
    }

    @Test
    void shouldRefuseCommonPasswordsWhateverTheirCaseWherePasswordsAreChosen() {
        String admin = TestData.adminToken();
        for (String common : List.of("qwerty123456", "QWERTY123456", "1Qaz2Wsx3Edc")) {
            TestData.as(admin).contentType(ContentType.JSON)
                    .body(Map.of("username", "c-" + common.toLowerCase().hashCode(), "password", common, "role",
                            "CLINICIAN", "displayName", "Common"))
                    .post("/api/v1/users").then().statusCode(422).body("errors[0].pointer", equalTo("/password"));
        }
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String code = TestData.as(TestData.clinicianToken()).post("/api/v1/patients/{p}/enrollment-code", patient)
                .then().statusCode(201).extract().path("code");
        post("/api/v1/auth/enroll", Map.of("code", code, "username", "p-common-" + patient.substring(0, 8),
                "password", "Qazwsxedcrfv")).then().statusCode(422).body("errors[0].pointer", equalTo("/password"));
        post("/api/v1/auth/enroll", Map.of("code", code, "username", "p-ok-" + patient.substring(0, 8),
                "password", NEW_PASSWORD)).then().statusCode(201);
    }

    @Test
    void shouldResetAStaffPasswordWithAOneTimeCodeFromAnAdministrator() {
        Instant start = Instant.now().minusSeconds(1);
        String username = TestData.createStaff("CLINICIAN");
        String access = TestData.login(username, TestData.PASSWORD).path("accessToken");
        String id = TestData.subject(access);
        String admin = TestData.adminToken();

        String older = TestData.as(admin).post("/api/v1/users/{u}/password-reset-code", id).then().statusCode(201)
                .extract().path("code");
        String code = TestData.as(admin).post("/api/v1/users/{u}/password-reset-code", id).then().statusCode(201)
                .extract().path("code");
        post("/api/v1/auth/password-reset", Map.of("code", older, "newPassword", NEW_PASSWORD)).then()
                .statusCode(422).body("errors[0].pointer", equalTo("/code"));
        post("/api/v1/auth/password-reset", Map.of("code", code, "newPassword", "Password1234")).then()
                .statusCode(422).body("errors[0].pointer", equalTo("/newPassword"));
        post("/api/v1/auth/password-reset", Map.of("code", code.toLowerCase(), "newPassword", NEW_PASSWORD)).then()
                .statusCode(204);
        post("/api/v1/auth/password-reset", Map.of("code", code, "newPassword", NEW_PASSWORD + "!")).then()
                .statusCode(422);

        assertEquals(401, readPatients(access), "the reset ends every sign-in");
        TestData.login(username, TestData.PASSWORD).then().statusCode(401);
        TestData.login(username, NEW_PASSWORD).then().statusCode(200);
        assertEquals(List.of("SIGN_IN/SUCCESS/self", "ISSUE_PASSWORD_RESET/SUCCESS/other",
                "ISSUE_PASSWORD_RESET/SUCCESS/other", "RESET_PASSWORD/SUCCESS/self", "SIGN_IN/DENIED/nobody",
                "SIGN_IN/SUCCESS/self"), accountEvents(id, start));
    }

    @Test
    void shouldLetOnlyTheCareTeamIssueAPatientsResetCode() {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String patientAccess = TestData.patientToken(patient, clinician);
        String patientAccount = TestData.subject(patientAccess);
        TestData.signOut();

        TestData.as(TestData.adminToken()).post("/api/v1/users/{u}/password-reset-code", patientAccount).then()
                .statusCode(403);
        TestData.as(TestData.adminToken()).post("/api/v1/patients/{p}/password-reset-code", patient).then()
                .statusCode(403);
        TestData.as(TestData.clinicianToken()).post("/api/v1/patients/{p}/password-reset-code", patient).then()
                .statusCode(404);
        String code = TestData.as(clinician).post("/api/v1/patients/{p}/password-reset-code", patient).then()
                .statusCode(201).extract().path("code");
        post("/api/v1/auth/password-reset", Map.of("code", code, "newPassword", NEW_PASSWORD)).then().statusCode(204);
        assertEquals(401, TestData.as(patientAccess).get("/api/v1/patients/{p}", patient).statusCode());
        String username = TestData.as(TestData.adminToken()).get("/api/v1/users/{u}", patientAccount).path("username");
        String renewed = TestData.login(username, NEW_PASSWORD).then().statusCode(200).extract().path("accessToken");
        TestData.as(renewed).get("/api/v1/patients/{p}", patient).then().statusCode(200);
    }

    @Test
    void shouldAuditSignInsEnrollmentSignOutAndReuseWithoutThePassword() {
        Instant start = Instant.now().minusSeconds(1);
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String patientAccount = TestData.subject(TestData.patientToken(patient, clinician));
        TestData.signOut();
        String username = TestData.as(TestData.adminToken()).get("/api/v1/users/{u}", patientAccount).path("username");
        TestData.login(username, "a-wrong-secret-guess").then().statusCode(401);
        Response signedIn = TestData.login(username, TestData.PASSWORD);
        String first = signedIn.path("refreshToken");
        String second = post("/api/v1/auth/refresh", Map.of("refreshToken", first)).path("refreshToken");
        post("/api/v1/auth/refresh", Map.of("refreshToken", first)).then().statusCode(401);
        Response again = TestData.login(username, TestData.PASSWORD);
        post("/api/v1/auth/sign-out", Map.of("refreshToken", again.path("refreshToken"))).then().statusCode(204);

        assertEquals(List.of("ENROLL/SUCCESS/self", "SIGN_IN/SUCCESS/self", "SIGN_IN/DENIED/nobody",
                "SIGN_IN/SUCCESS/self", "REFRESH_TOKEN_REUSE/DENIED/nobody", "SIGN_IN/SUCCESS/self",
                "SIGN_OUT/SUCCESS/self"), accountEvents(patientAccount, start));
        String trail = TestData.as(TestData.adminToken()).queryParam("patientId", patient).queryParam("limit", 500)
                .get("/api/v1/audit-events").asString();
        assertTrue(trail.contains("\"SIGN_IN\""), "a patient's sign-ins are found by their patient id");
        assertFalse(trail.contains("a-wrong-secret-guess") || trail.contains(TestData.PASSWORD), trail);
        assertFalse(trail.contains(second), "no token in the trail");
    }
}
