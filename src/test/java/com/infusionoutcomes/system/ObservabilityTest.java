package com.infusionoutcomes.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;
import com.infusionoutcomes.auth.LoginThrottle;
import com.infusionoutcomes.http.MetricTags;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What an operator sees. Metrics at /q/metrics (on the API port in tests; on the management
 * port in prod, see ObservabilityIT) count requests per route template, stored check-ins, raised alerts and the
 * connection pool, and never carry an identifier; log lines of a request carry its request id.
 */
@QuarkusTest
class ObservabilityTest {

    @Inject
    LoginThrottle throttle;

    @AfterEach
    void signOut() {
        TestData.signOut();
        throttle.reset();
    }

    @Test
    void shouldCountStoredCheckInsOnceAndNeverAnIdenticalRetry() {
        TestData.signInAsClinician();
        String patientId = TestData.enrollPatient();
        String body = """
                {"id": "%s", "context": "DAILY", "recordedAt": "%s", "scores": {"pain": 4}}
                """.formatted(UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.HOURS));
        double before = metric("infusion_checkins_stored_total{context=\"DAILY\"}");

        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients/{p}/check-ins", patientId)
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients/{p}/check-ins", patientId)
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"context\": \"DAILY\"}")
                .post("/api/v1/patients/{p}/check-ins", patientId).then().statusCode(422);

        assertEquals(before + 1, metric("infusion_checkins_stored_total{context=\"DAILY\"}"));
        assertTrue(metric("infusion_checkins_stored_total{context=\"PRE_INFUSION\"}") >= 0, "every context exported");
    }

    @Test
    void shouldCountRaisedAndRetriggeredAlertsByRuleAndSeverity() {
        TestData.signInAsClinician();
        String patientId = TestData.enrollPatient();
        String raised = "infusion_alerts_raised_total{rule=\"SELF_HARM_RISK\",severity=\"URGENT\"}";
        String retriggered = "infusion_alerts_retriggered_total{rule=\"SELF_HARM_RISK\",severity=\"URGENT\"}";
        double raisedBefore = metric(raised);
        double retriggeredBefore = metric(retriggered);

        TestData.questionnaireResponse(patientId, "phq9", "0,0,0,0,0,0,0,0,1");
        TestData.questionnaireResponse(patientId, "phq9", "0,0,0,0,0,0,0,0,2");

        assertEquals(raisedBefore + 1, metric(raised));
        assertEquals(retriggeredBefore + 1, metric(retriggered));
        assertTrue(metric("infusion_alerts_raised_total{rule=\"BLOOD_PRESSURE\",severity=\"HIGH\"}") >= 0);
    }

    @Test
    void shouldTagRequestsWithRouteTemplatesAndNeverAnIdentifier() {
        TestData.signInAsClinician();
        String patientId = TestData.enrollPatient();
        String checkInId = TestData.dailyCheckIn(patientId, Instant.now().minus(2, ChronoUnit.HOURS), 5);
        given().get("/api/v1/patients/{p}", patientId).then().statusCode(200);
        given().get("/api/v1/patients/{p}/check-ins/{c}", patientId, checkInId).then().statusCode(200);
        given().get("/api/v1/patients/{p}/check-ins/{c}", patientId, UUID.randomUUID()).then().statusCode(404);
        // Refused before or while matching a route: oversized, wrong media type, wrong method, not a UUID.
        given().contentType(ContentType.JSON).body("{\"note\": \"" + "x".repeat(1_100_000) + "\"}")
                .post("/api/v1/patients/{p}/check-ins", patientId).then().statusCode(413);
        given().contentType(ContentType.TEXT).body("pain 4").post("/api/v1/patients/{p}/check-ins", patientId)
                .then().statusCode(415);
        given().delete("/api/v1/patients/{p}/check-ins/{c}", patientId, checkInId).then().statusCode(oneOf(404, 405));
        given().get("/api/v1/patients/{p}/check-ins", "Rosa Delgado").then().statusCode(404);
        TestData.signOut();
        given().get("/api/v1/patients/{p}", patientId).then().statusCode(401);

        String metrics = scrape();
        assertFalse(metrics.contains(patientId), "a patient id in the metrics");
        assertFalse(metrics.contains(checkInId), "a check-in id in the metrics");
        assertFalse(metrics.contains("Rosa"), "a path segment in the metrics");
        assertFalse(MetricTags.UUID.matcher(metrics).find(), "a UUID in the metrics");
        assertTrue(metric("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                + "uri=\"/api/v1/patients/{patientId}/check-ins/{checkInId}\"}") >= 1, metrics);
        assertTrue(metric("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"201\","
                + "uri=\"/api/v1/patients/{patientId}/check-ins\"}") >= 1);
    }

    @Test
    void shouldExportTheConnectionPool() {
        String metrics = scrape();
        for (String gauge : List.of("agroal_active_count", "agroal_available_count", "agroal_awaiting_count",
                "agroal_max_used_count")) {
            assertTrue(metrics.contains(gauge + "{datasource=\"default\"}"), gauge);
        }
    }

    @Test
    void shouldWriteTheRequestIdOnTheLogLinesOfThatRequest() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    ext.copyMdc(); // the MDC of the logging request, read on its own thread
                }
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(LoginThrottle.class.getName());
        logger.addHandler(capture);
        try {
            String username = "guess-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 5; i++) {
                TestData.anonymous().contentType(ContentType.JSON)
                        .body(Map.of("username", username, "password", "wrong-password-" + i))
                        .post("/api/v1/auth/token").then().statusCode(401);
            }
            String requestId = "support-call-" + UUID.randomUUID().toString().substring(0, 8);
            TestData.anonymous().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                    .body(Map.of("username", username, "password", "wrong-password-5"))
                    .post("/api/v1/auth/token").then().statusCode(429).header("X-Request-Id", requestId);

            List<LogRecord> refused = records.stream().filter(r -> r.getMessage() != null).toList();
            assertEquals(1, refused.size(), "one warning for the refused sign-in");
            ExtLogRecord line = (ExtLogRecord) refused.get(0);
            assertEquals(requestId, line.getMdc("requestId"));
            assertFalse(line.getFormattedMessage().contains(username), "the username stays out of the log");
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static String scrape() {
        return TestData.anonymous().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series, e.g. {@code name{tag="value"}}; 0 when it was not exported yet. */
    private static double metric(String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
