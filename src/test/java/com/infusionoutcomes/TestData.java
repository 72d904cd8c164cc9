package com.infusionoutcomes;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Builds the records a test needs through the public API, so every fixture passes the same validation, and
 * signs tests in: by default as a clinician who enrolls, and therefore cares for, every patient a test creates.
 */
public final class TestData {

    public static final String ADMIN_USERNAME = "test.admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String PASSWORD = "correct-horse-battery";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Instant> ISSUED = new ConcurrentHashMap<>();

    private TestData() {
    }

    /** Every following request of this test carries the shared test clinician's bearer token. */
    public static void signInAsClinician() {
        signIn(clinicianToken());
    }

    /**
     * A clinician of its own, signed in for the rest of the test; returns its token. A test that lists "all my
     * patients" (alerts, panel) then sees exactly the patients it enrolled.
     */
    public static String signInAsNewClinician() {
        String token = token(createStaff("CLINICIAN"), PASSWORD);
        signIn(token);
        return token;
    }

    public static void signIn(String token) {
        // A new RequestSpecBuilder starts from the current default: signed in already, the previous user's
        // Authorization header would come first and be the one the server reads.
        RestAssured.requestSpecification = null;
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + token)
                .build();
    }

    public static void signOut() {
        RestAssured.requestSpecification = null;
    }

    public static String adminToken() {
        return token(ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    public static String clinicianToken() {
        return token(CLINICIAN.updateAndGet(name -> name != null ? name : createStaff("CLINICIAN")), PASSWORD);
    }

    private static final AtomicReference<String> CLINICIAN = new AtomicReference<>();

    /**
     * A request without the signed-in user's token, whatever the test signed in as. RestAssured copies its
     * static default into every new request, so the default is set aside for the moment of creation; the lock
     * keeps parallel callers from restoring each other's copies.
     */
    public static synchronized RequestSpecification anonymous() {
        RequestSpecification saved = RestAssured.requestSpecification;
        RestAssured.requestSpecification = null;
        try {
            return given();
        } finally {
            RestAssured.requestSpecification = saved;
        }
    }

    /** A request carrying exactly this token. */
    public static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** A new CLINICIAN or ADMIN account; returns its username (its id via {@link #userId}). */
    public static String createStaff(String role) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        as(adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role, "displayName", "Test " + role))
                .when().post("/api/v1/users")
                .then().statusCode(201);
        return username;
    }

    /** Logs in; cached for ten minutes of the fifteen an access token lives. */
    public static String token(String username, String password) {
        String key = username + "\u0000" + password;
        Instant issued = ISSUED.get(key);
        if (issued != null && issued.isAfter(Instant.now().minus(10, ChronoUnit.MINUTES))) {
            return TOKENS.get(key);
        }
        String token = anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/api/v1/auth/token")
                .then().statusCode(200)
                .extract().path("accessToken");
        TOKENS.put(key, token);
        ISSUED.put(key, Instant.now());
        return token;
    }

    /** Gives the patient a login through the enrollment flow and returns its access token. */
    public static String patientToken(String patientId) {
        return patientToken(patientId, clinicianToken());
    }

    /** As {@link #patientToken(String)}, the code issued by this clinician of the patient's care team. */
    public static String patientToken(String patientId, String clinicianToken) {
        String code = as(clinicianToken)
                .when().post("/api/v1/patients/{p}/enrollment-code", patientId)
                .then().statusCode(201).extract().path("code");
        String username = "patient-" + UUID.randomUUID().toString().substring(0, 8);
        anonymous().contentType(ContentType.JSON)
                .body(Map.of("code", code, "username", username, "password", PASSWORD))
                .when().post("/api/v1/auth/enroll")
                .then().statusCode(201);
        return token(username, PASSWORD);
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

    /** A questionnaire response recorded at this moment; answers comma-separated in item order. */
    public static String questionnaireResponse(String patientId, String instrument, String answers) {
        return as(clinicianToken()).contentType(ContentType.JSON)
                .body("{\"instrument\": \"" + instrument + "\", \"answers\": [" + answers + "], \"recordedAt\": \""
                        + Instant.now() + "\"}")
                .when().post("/api/v1/patients/{p}/questionnaire-responses", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }

    /** The id of the patient's first alert (most severe, then oldest) that is not RESOLVED, seen by the shared clinician. */
    public static String firstAlert(String patientId) {
        String open = as(clinicianToken()).queryParam("status", "OPEN")
                .when().get("/api/v1/patients/{p}/alerts", patientId)
                .then().statusCode(200).extract().path("items[0].id");
        return open != null ? open : as(clinicianToken()).queryParam("status", "ACKNOWLEDGED")
                .when().get("/api/v1/patients/{p}/alerts", patientId)
                .then().statusCode(200).extract().path("items[0].id");
    }

    /** Resolves the patient's unresolved SELF_HARM_RISK alert, if any, and raises a new OPEN one. */
    public static void freshSelfHarmAlert(String patientId) {
        for (String status : new String[] { "OPEN", "ACKNOWLEDGED" }) {
            String id = as(clinicianToken()).queryParam("status", status).queryParam("rule", "SELF_HARM_RISK")
                    .when().get("/api/v1/patients/{p}/alerts", patientId)
                    .then().statusCode(200).extract().path("items[0].id");
            if (id != null) {
                as(clinicianToken()).contentType(ContentType.JSON).body("{\"note\": \"test reset\"}")
                        .when().post("/api/v1/alerts/{a}/resolve", id).then().statusCode(200);
            }
        }
        questionnaireResponse(patientId, "phq9", "0,0,0,0,0,0,0,0,1");
    }

    /**
     * Runs the call from {@code parallel} threads released at once and returns each result in thread order: for
     * races between copies of one request.
     */
    public static <T> List<T> concurrently(int parallel, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** An access token as the service would issue it, signed with this key, for this account and role. */
    public static String signedToken(java.security.PrivateKey key, String userId, String role, Instant expiresAt) {
        return io.smallrye.jwt.build.Jwt.issuer("urn:infusion-outcomes").audience("infusion-outcomes-api")
                .subject(userId).groups(java.util.Set.of(role)).issuedAt(expiresAt.minus(15, ChronoUnit.MINUTES))
                .expiresAt(expiresAt).jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    }

    /** The account id (subject) a token names. */
    public static String userId(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    public static String unknownId() {
        return UUID.randomUUID().toString();
    }
}
