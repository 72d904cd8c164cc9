package com.infusionoutcomes.careteam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint against every kind of caller, from one table. A row lists the exact status each caller gets:
 * anonymous, the patient themself, another patient, a clinician on the patient's care team, a clinician off it,
 * an administrator, and a researcher. 404 where the caller may not see the record (ids cannot be probed), 403
 * where the role may never use the operation, 401 without a token. A researcher is refused (403) everything but
 * what a row allows with {@link Row#researcher}: no operation on identified data is open to them.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private enum Who { ANONYMOUS, SELF, OTHER_PATIENT, TEAM_CLINICIAN, OTHER_CLINICIAN, ADMIN, RESEARCHER }

    /** The world the table runs against, built once through the API. */
    private static final class World {
        final String patient = TestData.enrollPatient();
        final String otherPatient = TestData.enrollPatient();
        final String patientWithoutLogin = TestData.enrollPatient();
        final String session = TestData.completedSession(patient, 2);
        final String checkIn = TestData.dailyCheckIn(patient, Instant.now().minus(1, ChronoUnit.DAYS), 5);
        final String response = TestData.questionnaireResponse(patient, "phq9", "0,0,0,0,0,0,0,0,1");
        final String ownCheckIn;
        final String teamClinicianId;
        final String spareClinicianId;
        final Map<Who, String> tokens = new LinkedHashMap<>();

        World() {
            tokens.put(Who.SELF, TestData.patientToken(patient));
            ownCheckIn = TestData.as(tokens.get(Who.SELF)).contentType(ContentType.JSON)
                    .body("{\"context\": \"DAILY\", \"recordedAt\": \"" + Instant.now().minus(2, ChronoUnit.HOURS)
                            + "\", \"scores\": {\"pain\": 4}}")
                    .post("/api/v1/patients/" + patient + "/check-ins").then().statusCode(201).extract().path("id");
            tokens.put(Who.OTHER_PATIENT, TestData.patientToken(otherPatient));
            tokens.put(Who.TEAM_CLINICIAN, TestData.clinicianToken());
            tokens.put(Who.OTHER_CLINICIAN, TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD));
            tokens.put(Who.ADMIN, TestData.adminToken());
            tokens.put(Who.RESEARCHER, TestData.researcherToken());
            teamClinicianId = TestData.userId(tokens.get(Who.TEAM_CLINICIAN));
            spareClinicianId = TestData.userId(TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD));
        }

        RequestSpecification as(Who who) {
            return who == Who.ANONYMOUS ? TestData.anonymous() : TestData.as(tokens.get(who));
        }
    }

    private static World world;

    /** @param accept the Accept header, or null for the client default */
    private record Row(String name, String method, Supplier<String> path, Supplier<String> body, Runnable before,
            String accept, int anonymous, int self, int otherPatient, int teamClinician, int otherClinician,
            int admin, int researcher) {

        /** The same row with what a researcher gets instead of 403. */
        Row researcher(int status) {
            return new Row(name, method, path, body, before, accept, anonymous, self, otherPatient, teamClinician,
                    otherClinician, admin, status);
        }

        int expected(Who who) {
            return switch (who) {
                case ANONYMOUS -> anonymous;
                case SELF -> self;
                case OTHER_PATIENT -> otherPatient;
                case TEAM_CLINICIAN -> teamClinician;
                case OTHER_CLINICIAN -> otherClinician;
                case ADMIN -> admin;
                case RESEARCHER -> researcher;
            };
        }
    }

    private static Row row(String name, String method, Supplier<String> path, Supplier<String> body,
            int... statuses) {
        return row(name, method, path, body, () -> { }, statuses);
    }

    private static Row row(String name, String method, Supplier<String> path, Supplier<String> body, Runnable before,
            int... statuses) {
        return new Row(name, method, path, body, before, null, statuses[0], statuses[1], statuses[2], statuses[3],
                statuses[4], statuses[5], 403);
    }

    /** A GET asking for another representation (a CSV export, the HTML report). */
    private static Row read(String name, String accept, Supplier<String> path, int... statuses) {
        return new Row(name, "GET", path, () -> null, () -> { }, accept, statuses[0], statuses[1], statuses[2],
                statuses[3], statuses[4], statuses[5], 403);
    }

    private static List<Row> table(World w) {
        String p = "/api/v1/patients/" + w.patient;
        Supplier<String> none = () -> null;
        List<Row> rows = new ArrayList<>();
        //                                                                              anon self othP team othC admin
        rows.add(row("list patients", "GET", () -> "/api/v1/patients", none, 401, 403, 403, 200, 200, 200));
        rows.add(row("enroll patient", "POST", () -> "/api/v1/patients",
                () -> "{\"displayName\": \"Matrix\"}", 401, 403, 403, 201, 201, 403));
        rows.add(row("read patient", "GET", () -> p, none, 401, 200, 404, 200, 404, 200));
        rows.add(row("change patient", "PATCH", () -> p, () -> "{\"birthYear\": 1970}",
                401, 403, 403, 200, 404, 403));
        rows.add(row("schedule session", "POST", () -> p + "/sessions",
                () -> "{\"status\": \"SCHEDULED\", \"scheduledAt\": \"" + Instant.now().plus(3, ChronoUnit.DAYS) + "\"}",
                401, 403, 403, 201, 404, 403));
        rows.add(row("list sessions", "GET", () -> p + "/sessions", none, 401, 200, 404, 200, 404, 403));
        rows.add(row("read session", "GET", () -> p + "/sessions/" + w.session, none, 401, 200, 404, 200, 404, 403));
        rows.add(row("change session", "PATCH", () -> p + "/sessions/" + w.session, () -> "{\"notes\": \"ok\"}",
                401, 403, 403, 200, 404, 403));
        rows.add(row("record check-in", "POST", () -> p + "/check-ins",
                () -> "{\"context\": \"DAILY\", \"recordedAt\": \"" + Instant.now() + "\", \"scores\": {\"pain\": 3}}",
                401, 201, 404, 201, 404, 403));
        rows.add(row("list check-ins", "GET", () -> p + "/check-ins", none, 401, 200, 404, 200, 404, 403));
        rows.add(read("export check-ins", "text/csv", () -> p + "/check-ins", 401, 200, 404, 200, 404, 403));
        rows.add(row("download check-ins CSV", "GET", () -> p + "/check-ins.csv", none,
                401, 200, 404, 200, 404, 403));
        rows.add(row("read check-in", "GET", () -> p + "/check-ins/" + w.checkIn, none,
                401, 200, 404, 200, 404, 403));
        // a patient corrects only what they reported; this one their clinician entered
        rows.add(row("correct check-in", "PATCH", () -> p + "/check-ins/" + w.checkIn,
                () -> "{\"note\": \"matrix " + UUID.randomUUID() + "\"}", 401, 403, 404, 200, 404, 403));
        rows.add(row("correct own check-in", "PATCH", () -> p + "/check-ins/" + w.ownCheckIn,
                () -> "{\"note\": \"matrix " + UUID.randomUUID() + "\"}", 401, 200, 404, 200, 404, 403));
        rows.add(row("read check-in history", "GET", () -> p + "/check-ins/" + w.checkIn + "/history", none,
                401, 200, 404, 200, 404, 403));
        rows.add(row("record check-in batch", "POST", () -> p + "/check-ins:batch",
                () -> "{\"checkIns\": [{\"id\": \"" + UUID.randomUUID() + "\", \"context\": \"DAILY\", \"recordedAt\": \""
                        + Instant.now() + "\", \"scores\": {\"pain\": 3}}]}",
                401, 200, 404, 200, 404, 403));
        rows.add(row("read trend", "GET", () -> p + "/trends/pain", none, 401, 200, 404, 200, 404, 403));
        rows.add(row("read all trends", "GET", () -> p + "/trends", none, 401, 200, 404, 200, 404, 403));
        rows.add(row("export patient as FHIR", "GET", () -> p + "/fhir", none, 401, 200, 404, 200, 404, 403));
        rows.add(row("read the clinic", "GET", () -> "/api/v1/clinic", none, 200, 200, 200, 200, 200, 200)
                .researcher(200));
        rows.add(row("list instruments", "GET", () -> "/api/v1/instruments", none, 401, 200, 200, 200, 200, 200)
                .researcher(200));
        rows.add(row("read instrument", "GET", () -> "/api/v1/instruments/phq9", none,
                401, 200, 200, 200, 200, 200).researcher(200));
        rows.add(row("record questionnaire response", "POST", () -> p + "/questionnaire-responses",
                () -> "{\"instrument\": \"phq2\", \"answers\": [1, 0], \"recordedAt\": \"" + Instant.now() + "\"}",
                401, 201, 404, 201, 404, 403));
        rows.add(row("list questionnaire responses", "GET", () -> p + "/questionnaire-responses", none,
                401, 200, 404, 200, 404, 403));
        rows.add(row("read questionnaire response", "GET", () -> p + "/questionnaire-responses/" + w.response, none,
                401, 200, 404, 200, 404, 403));
        rows.add(row("list care-team alerts", "GET", () -> "/api/v1/alerts", none, 401, 403, 403, 200, 200, 403));
        rows.add(row("list patient alerts", "GET", () -> p + "/alerts", none, 401, 403, 403, 200, 404, 403));
        // acknowledging twice is a conflict: reopen is not possible, so each run starts from a fresh alert
        rows.add(row("acknowledge alert", "POST", () -> "/api/v1/alerts/" + TestData.firstAlert(w.patient)
                + "/acknowledge", none, () -> TestData.freshSelfHarmAlert(w.patient),
                401, 403, 403, 200, 404, 403));
        rows.add(row("resolve alert", "POST", () -> "/api/v1/alerts/" + TestData.firstAlert(w.patient) + "/resolve",
                () -> "{\"note\": \"Reviewed\"}", () -> TestData.freshSelfHarmAlert(w.patient),
                401, 403, 403, 200, 404, 403));
        rows.add(row("read panel", "GET", () -> "/api/v1/reports/panel", none, 401, 403, 403, 200, 200, 403));
        rows.add(read("export panel", "text/csv", () -> "/api/v1/reports/panel", 401, 403, 403, 200, 200, 403));
        rows.add(row("download panel CSV", "GET", () -> "/api/v1/reports/panel.csv", none,
                401, 403, 403, 200, 200, 403));
        rows.add(read("read patient report", "text/html", () -> p + "/report", 401, 403, 403, 200, 404, 403));
        rows.add(row("read outcomes", "GET", () -> "/api/v1/outcomes", none, 401, 403, 403, 200, 200, 403));
        rows.add(read("read outcome report", "text/html", () -> "/api/v1/outcomes/report",
                401, 403, 403, 200, 200, 403));
        rows.add(read("export outcomes", "text/csv", () -> "/api/v1/outcomes/export", 401, 403, 403, 200, 200, 403));
        rows.add(read("research export", "application/zip", () -> "/api/v1/research-export",
                401, 403, 403, 403, 403, 403).researcher(200));
        rows.add(row("issue enrollment code", "POST", () -> "/api/v1/patients/" + w.patientWithoutLogin
                + "/enrollment-code", none, 401, 403, 403, 201, 404, 403));
        rows.add(row("issue patient password-reset code", "POST", () -> p + "/password-reset-code", none,
                401, 403, 403, 201, 404, 403));
        rows.add(row("read care team", "GET", () -> p + "/care-team", none, 401, 403, 403, 200, 404, 200));
        rows.add(row("add care team member", "POST", () -> p + "/care-team",
                () -> "{\"userId\": \"" + w.teamClinicianId + "\"}", 401, 403, 403, 200, 404, 403));
        rows.add(row("remove care team member", "DELETE", () -> p + "/care-team/" + w.spareClinicianId, none,
                () -> TestData.as(TestData.clinicianToken()).contentType(ContentType.JSON)
                        .body("{\"userId\": \"" + w.spareClinicianId + "\"}").post(p + "/care-team"),
                401, 403, 403, 204, 404, 204));
        rows.add(row("create user", "POST", () -> "/api/v1/users",
                () -> "{\"username\": \"u-" + UUID.randomUUID().toString().substring(0, 8) + "\", \"password\": \""
                        + TestData.PASSWORD + "\", \"role\": \"CLINICIAN\", \"displayName\": \"New\"}",
                401, 403, 403, 403, 403, 201));
        rows.add(row("list users", "GET", () -> "/api/v1/users", none, 401, 403, 403, 403, 403, 200));
        rows.add(row("read user", "GET", () -> "/api/v1/users/" + w.teamClinicianId, none,
                401, 403, 403, 403, 403, 200));
        rows.add(row("deactivate user", "POST", () -> "/api/v1/users/" + w.spareClinicianId + "/deactivate", none,
                401, 403, 403, 403, 403, 200));
        rows.add(row("reactivate user", "POST", () -> "/api/v1/users/" + w.spareClinicianId + "/reactivate", none,
                401, 403, 403, 403, 403, 200));
        rows.add(row("issue staff password-reset code", "POST",
                () -> "/api/v1/users/" + w.spareClinicianId + "/password-reset-code", none,
                401, 403, 403, 403, 403, 201));
        // Open doors: what they answer does not depend on the caller. A wrong current password is 422 for every
        // role that may change its own password, so no world token is revoked by the table.
        rows.add(row("sign out", "POST", () -> "/api/v1/auth/sign-out",
                () -> "{\"refreshToken\": \"matrix-never-issued\"}", 204, 204, 204, 204, 204, 204).researcher(204));
        rows.add(row("change own password", "POST", () -> "/api/v1/auth/password",
                () -> "{\"currentPassword\": \"not-the-password\", \"newPassword\": \"cedar-window-lantern-42\"}",
                401, 422, 422, 422, 422, 422).researcher(422));
        rows.add(row("reset password with a code", "POST", () -> "/api/v1/auth/password-reset",
                () -> "{\"code\": \"" + UUID.randomUUID().toString().substring(0, 10)
                        + "\", \"newPassword\": \"cedar-window-lantern-42\"}",
                422, 422, 422, 422, 422, 422).researcher(422));
        rows.add(row("read audit trail", "GET", () -> "/api/v1/audit-events", none, 401, 403, 403, 403, 403, 200));
        rows.add(row("read a patient's audit trail", "GET", () -> "/api/v1/audit-events?patientId=" + w.patient, none,
                401, 403, 403, 403, 403, 200));
        return rows;
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEveryCallerExactly() {
        if (world == null) {
            TestData.signInAsClinician(); // the team clinician builds the world, so the patients are on its team
            world = new World();
            TestData.signOut();
        }
        World w = world;
        return table(w).stream().flatMap(row -> Stream.of(Who.values()).map(who -> DynamicTest.dynamicTest(
                row.name() + " as " + who + " -> " + row.expected(who), () -> {
                    row.before().run();
                    RequestSpecification request = w.as(who);
                    if (row.accept() != null) {
                        request.accept(row.accept());
                    }
                    String body = row.body().get();
                    if (body != null) {
                        request.contentType(ContentType.JSON).body(body);
                    }
                    if (row.method().equals("PATCH")) {
                        request.header("If-Match", "*"); // a change names the version it changes; * is any
                    }
                    Response response = request.request(row.method(), row.path().get());
                    assertEquals(row.expected(who), response.statusCode(),
                            () -> row.name() + " as " + who + ": " + response.asString());
                    if (response.statusCode() >= 400) {
                        assertEquals("application/problem+json", response.contentType());
                    } else if (row.accept() != null) {
                        assertEquals(row.accept(), response.contentType().split(";")[0]);
                    }
                    if (response.statusCode() == 401) {
                        assertEquals("Bearer", response.header("WWW-Authenticate"));
                    }
                })));
    }
}
