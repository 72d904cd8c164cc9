package com.infusionoutcomes;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import io.restassured.response.Response;
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

    /** A new CLINICIAN, ADMIN or RESEARCHER account; returns its username (its id via {@link #userId}). */
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

    /** Signs in afresh (never cached): the whole answer, tokens or problem. */
    public static Response login(String username, String password) {
        return anonymous().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token");
    }

    /** The account id an access token was issued to (its {@code sub}). */
    public static String subject(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    /** An HTTP answer read off a plain socket: status, headers (lower-case names) and body (as framed). */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    /**
     * POSTs JSON from another source address of the loopback network (127.0.0.0/8): the service sees a different
     * client address, as it would for another computer. Plain HTTP/1.1 over a socket, since the HTTP clients at
     * hand cannot choose their source address.
     */
    public static Answer postFrom(String sourceAddress, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), RestAssured.port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the patient a login through the enrollment flow and returns its access token. */
    public static String patientToken(String patientId) {
        return patientToken(patientId, clinicianToken());
    }

    /** As {@link #patientToken(String)}, the code issued by this clinician of the patient's care team. */
    public static String patientToken(String patientId, String clinicianToken) {
        return token(patientLogin(patientId, clinicianToken), PASSWORD);
    }

    /** A fresh enrollment code for the patient, issued by this clinician of the patient's care team. */
    public static String enrollmentCode(String patientId, String clinicianToken) {
        return as(clinicianToken)
                .when().post("/api/v1/patients/{p}/enrollment-code", patientId)
                .then().statusCode(201).extract().path("code");
    }

    /** Gives the patient a login (password {@link #PASSWORD}) through the enrollment flow; returns its username. */
    public static String patientLogin(String patientId, String clinicianToken) {
        String code = enrollmentCode(patientId, clinicianToken);
        String username = "patient-" + UUID.randomUUID().toString().substring(0, 8);
        anonymous().contentType(ContentType.JSON)
                .body(Map.of("code", code, "username", username, "password", PASSWORD))
                .when().post("/api/v1/auth/enroll")
                .then().statusCode(201);
        return username;
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

    /** A SCHEDULED infusion session to start at {@code at}. */
    public static String scheduledSession(String patientId, Instant at) {
        return given().contentType(ContentType.JSON).body("{\"status\": \"SCHEDULED\", \"scheduledAt\": \"" + at + "\"}")
                .when().post("/api/v1/patients/{p}/sessions", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A DAILY check-in with a pain score, as one item of an offline batch (it carries its own id). */
    public static String dailyPainItem(Instant recordedAt, int pain) {
        return """
                {"id": "%s", "context": "DAILY", "recordedAt": "%s", "scores": {"pain": %d}}
                """.formatted(UUID.randomUUID(), recordedAt, pain);
    }

    /** Stores the items as one offline batch and checks each was created. */
    public static void syncCheckIns(String patientId, List<String> items) {
        given().contentType(ContentType.JSON).body("{\"checkIns\": [" + String.join(",", items) + "]}")
                .when().post("/api/v1/patients/{p}/check-ins:batch", patientId)
                .then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(items.size()));
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

    /** A questionnaire response recorded at {@code recordedAt}, sent as the signed-in user. */
    public static String questionnaireResponse(String patientId, String instrument, String answers,
            Instant recordedAt) {
        return given().contentType(ContentType.JSON)
                .body("{\"instrument\": \"" + instrument + "\", \"answers\": [" + answers + "], \"recordedAt\": \""
                        + recordedAt + "\"}")
                .when().post("/api/v1/patients/{p}/questionnaire-responses", patientId)
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A new RESEARCHER account's token: sees the de-identified research export and nothing identified. */
    public static String researcherToken() {
        return token(createStaff("RESEARCHER"), PASSWORD);
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
