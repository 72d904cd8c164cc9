package com.infusionoutcomes.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class AuthenticationTest {

    @Inject
    SigningKeys keys;

    @Inject
    LoginThrottle throttle;

    @Inject
    EnrollmentCodeRepository codes;

    @AfterEach
    void forgetFailures() {
        throttle.reset();
        TestData.signOut();
    }

    private static int readPatients(String token) {
        return TestData.as(token).get("/api/v1/patients").statusCode();
    }

    private String validClaimsToken(String issuer, String audience, Instant expiresAt) {
        String subject = TestData.subject(TestData.clinicianToken());
        return Jwt.issuer(issuer).audience(audience).subject(subject).groups(Set.of("CLINICIAN"))
                .issuedAt(expiresAt.minus(Duration.ofMinutes(15))).expiresAt(expiresAt)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(keys.privateKey());
    }

    @Test
    void shouldIssueShortLivedRs256BearerTokens() {
        Response tokens = TestData.login(TestData.ADMIN_USERNAME, TestData.ADMIN_PASSWORD);
        tokens.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue());
        String access = tokens.path("accessToken");
        String header = new String(Base64.getUrlDecoder().decode(access.split("\\.")[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"RS256\""), header);
        String payload = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8);
        long iat = Long.parseLong(payload.replaceAll(".*\"iat\":(\\d+).*", "$1"));
        long exp = Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertTrue(exp - iat <= 900, payload);
        assertEquals(200, readPatients(access));
    }

    @Test
    void shouldAnswerUnknownUserAndWrongPasswordAlike() {
        Response unknown = TestData.login("nobody-" + UUID.randomUUID(), "whatever-password");
        Response wrong = TestData.login(TestData.ADMIN_USERNAME, "wrong-password-123");
        unknown.then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        wrong.then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        assertEquals(unknown.jsonPath().getString("detail"), wrong.jsonPath().getString("detail"));
        assertEquals(unknown.jsonPath().getString("type"), wrong.jsonPath().getString("type"));
    }

    @Test
    void shouldRefuseAnonymousRequestsWithBearerChallenge() {
        TestData.anonymous().get("/api/v1/patients").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
    }

    @Test
    void shouldRefuseTamperedToken() {
        String token = TestData.clinicianToken();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"CLINICIAN\"", "\"ADMIN\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, readPatients(forged));
        String flipped = token.substring(0, token.length() - 4)
                + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertEquals(401, readPatients(flipped));
    }

    @Test
    void shouldRefuseExpiredWrongIssuerAndWrongAudienceTokens() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        assertEquals(200, readPatients(validClaimsToken("urn:infusion-outcomes", "infusion-outcomes-api", later)),
                "control: a well-formed token is accepted");
        assertEquals(401, readPatients(validClaimsToken("urn:infusion-outcomes", "infusion-outcomes-api",
                Instant.now().minusSeconds(120))));
        assertEquals(401, readPatients(validClaimsToken("https://evil.example", "infusion-outcomes-api", later)));
        assertEquals(401, readPatients(validClaimsToken("urn:infusion-outcomes", "another-api", later)));
    }

    @Test
    void shouldRefuseUnsignedHmacAndForeignKeyTokens() throws Exception {
        String good = validClaimsToken("urn:infusion-outcomes", "infusion-outcomes-api",
                Instant.now().plus(Duration.ofMinutes(10)));
        String payload = good.split("\\.")[1];
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + payload + ".";
        assertEquals(401, readPatients(none));

        // The classic confusion attack: HS256 keyed with the (public) verification key.
        String hsHeader = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.publicKey().getEncoded(), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((hsHeader + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(401, readPatients(hsHeader + "." + payload + "." + signature));

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String foreign = Jwt.issuer("urn:infusion-outcomes").audience("infusion-outcomes-api")
                .subject(UUID.randomUUID().toString()).groups(Set.of("ADMIN"))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(rsa.generateKeyPair().getPrivate());
        assertEquals(401, readPatients(foreign));
    }

    @Test
    void shouldRotateRefreshTokensAndRevokeTheFamilyOnReuse() {
        String first = TestData.login(TestData.ADMIN_USERNAME, TestData.ADMIN_PASSWORD).path("refreshToken");
        Response rotated = TestData.anonymous().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/v1/auth/refresh");
        rotated.then().statusCode(200).body("accessToken", notNullValue());
        String second = rotated.path("refreshToken");
        assertNotEquals(first, second);
        assertEquals(200, TestData.as(rotated.path("accessToken")).get("/api/v1/users").statusCode());

        // The first token again: someone kept a copy. Both it and its successor stop working.
        TestData.anonymous().contentType(ContentType.JSON).body(Map.of("refreshToken", first))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        TestData.anonymous().contentType(ContentType.JSON).body(Map.of("refreshToken", second))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        TestData.anonymous().contentType(ContentType.JSON).body(Map.of("refreshToken", "made-up"))
                .post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void shouldLimitFailedLoginsPerUsername() {
        String username = TestData.createStaff("CLINICIAN");
        for (int i = 0; i < 5; i++) {
            TestData.login(username, "wrong-password-" + i).then().statusCode(401);
        }
        Response limited = TestData.login(username, TestData.PASSWORD);
        limited.then().statusCode(429).contentType("application/problem+json");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 61, "Retry-After " + retryAfter);
        // Another user from the same address is still served.
        TestData.login(TestData.ADMIN_USERNAME, TestData.ADMIN_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldLimitFailedLoginsPerAddress() {
        for (int i = 0; i < 20; i++) {
            TestData.login("guess-" + i + "-" + UUID.randomUUID(), "wrong-password").then().statusCode(401);
        }
        TestData.login(TestData.ADMIN_USERNAME, TestData.ADMIN_PASSWORD).then().statusCode(429)
                .header("Retry-After", notNullValue());
    }

    @Test
    void shouldEnrollPatientOnceWithAValidCode() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        var issued = given().post("/api/v1/patients/{p}/enrollment-code", patient)
                .then().statusCode(201).body("expiresAt", notNullValue()).extract();
        String code = issued.path("code");
        Instant expiresAt = Instant.parse(issued.path("expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toHours() >= 71, "72-hour lifetime");
        TestData.signOut();

        enroll(code, "short", "too-short").then().statusCode(422);
        String username = "p-" + UUID.randomUUID().toString().substring(0, 8);
        enroll(code.toLowerCase(), username, TestData.PASSWORD).then().statusCode(201)
                .body("role", equalTo("PATIENT")).body("patientId", equalTo(patient));
        enroll(code, "p2-" + username, TestData.PASSWORD).then().statusCode(422);
        String token = TestData.token(username, TestData.PASSWORD);
        TestData.as(token).get("/api/v1/patients/{p}", patient).then().statusCode(200);
    }

    @Test
    void shouldRefuseExpiredEnrollmentCode() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String code = given().post("/api/v1/patients/{p}/enrollment-code", patient).then().statusCode(201)
                .extract().path("code");
        TestData.signOut();
        QuarkusTransaction.requiringNew().run(() -> codes.findById(Secrets.sha256(code)).expiresAt =
                Instant.now().minusSeconds(1));
        enroll(code, "late-" + UUID.randomUUID().toString().substring(0, 8), TestData.PASSWORD)
                .then().statusCode(422).body("errors[0].pointer", equalTo("/code"));
    }

    private static Response enroll(String code, String username, String password) {
        return TestData.anonymous().contentType(ContentType.JSON)
                .body(Map.of("code", code, "username", username, "password", password))
                .post("/api/v1/auth/enroll");
    }

    @Test
    void shouldManageStaffAccountsWithRules() {
        String admin = TestData.adminToken();
        String username = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> body = Map.of("username", username, "password", TestData.PASSWORD, "role", "ADMIN",
                "displayName", "Second Admin");
        TestData.as(admin).contentType(ContentType.JSON).body(body).post("/api/v1/users").then().statusCode(201)
                .body("role", equalTo("ADMIN")).body("patientId", equalTo(null));
        TestData.as(admin).contentType(ContentType.JSON).body(body).post("/api/v1/users").then().statusCode(409);
        TestData.as(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "x-" + username, "password", "short", "role", "CLINICIAN", "displayName", "X"))
                .post("/api/v1/users").then().statusCode(422).body("errors[0].pointer", equalTo("/password"));
        TestData.as(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "y-" + username, "password", TestData.PASSWORD, "role", "PATIENT",
                        "displayName", "Y"))
                .post("/api/v1/users").then().statusCode(422).body("errors[0].pointer", equalTo("/role"));
        String listed = TestData.as(admin).queryParam("limit", 500).get("/api/v1/users").asString();
        assertTrue(listed.contains(username) && !listed.contains("passwordHash") && !listed.contains("$2"), listed);
    }

    @Test
    void shouldRefuseOversizedBodies() {
        TestData.signInAsClinician();
        String huge = "{\"displayName\": \"" + "x".repeat(1_100_000) + "\"}";
        Response refused = given().contentType(ContentType.JSON).body(huge).post("/api/v1/patients");
        assertEquals(413, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType(), refused.asString());
    }

    @Test
    void shouldAllowNoCrossOriginCallersByDefault() {
        Response preflight = TestData.anonymous().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").options("/api/v1/patients");
        assertTrue(preflight.header("Access-Control-Allow-Origin") == null
                || !preflight.header("Access-Control-Allow-Origin").contains("evil"), preflight.headers().toString());
        Response simple = TestData.as(TestData.clinicianToken()).header("Origin", "https://evil.example")
                .get("/api/v1/patients");
        assertTrue(simple.header("Access-Control-Allow-Origin") == null, simple.headers().toString());
    }

    @Test
    void shouldKeepPatientDataOutOfCaches() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        given().get("/api/v1/patients/{p}", patient).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Request-Id", notNullValue());
    }
}
