package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an operator sees, as production runs it: the packaged jar (prod profile). Metrics are served on the management
 * port only, never on the API port, and count what happened; every log line is one JSON object, lines written
 * while serving a request carry its request id; neither metrics nor logs carry patient data.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PackagedApp app = new PackagedApp();

    @Test
    void shouldServeMetricsAndJsonLogsWithoutPatientData() throws Exception {
        assumeTrue("h2".equals(System.getProperty("test.db-kind", "h2")), "the packaged jar is built for H2");
        assertTrue(Files.exists(PackagedApp.JAR), "package the application first");
        Path dataDir = Files.createTempDirectory("observability");
        Path log = dataDir.resolve("app.log");
        int port = PackagedApp.freePort();
        int management = PackagedApp.freePort();
        String api = "http://127.0.0.1:" + port;
        String metricsUrl = "http://127.0.0.1:" + management;

        Process running = start(dataDir, port, management, log);
        String displayName = "Ximena Quillfeather";
        String externalId = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String note = "dizzy after the walk to the pharmacy";
        String requestId = "support-" + UUID.randomUUID().toString().substring(0, 8);
        String racingId = UUID.randomUUID().toString();
        String patientId;
        String checkInId;
        String metrics;
        try {
            String admin = app.token(api, "observability.admin", "observability-admin-password");
            app.send(api, "POST", "/api/v1/users", admin, "{\"username\": \"obs.clinician\", \"password\": "
                    + "\"obs-clinician-password\", \"role\": \"CLINICIAN\", \"displayName\": \"Clinician\"}", 201, null);
            String clinician = app.token(api, "obs.clinician", "obs-clinician-password");
            patientId = PackagedApp.id(app.send(api, "POST", "/api/v1/patients", clinician, "{\"displayName\": \"" + displayName
                    + "\", \"externalId\": \"" + externalId + "\", \"birthYear\": 1961}", 201, null));
            checkInId = PackagedApp.id(app.send(api, "POST", "/api/v1/patients/" + patientId + "/check-ins", clinician,
                    "{\"context\": \"DAILY\", \"recordedAt\": \"" + Instant.now().minus(1, ChronoUnit.HOURS)
                            + "\", \"scores\": {\"pain\": 6}, \"note\": \"" + note + "\"}", 201, null));
            app.send(api, "POST", "/api/v1/patients/" + patientId + "/questionnaire-responses", clinician,
                    "{\"instrument\": \"phq9\", \"answers\": [0,0,0,0,0,0,0,0,1], \"recordedAt\": \""
                            + Instant.now().minus(1, ChronoUnit.HOURS) + "\"}", 201, null);
            app.send(api, "GET", "/api/v1/patients/" + patientId + "/check-ins/" + UUID.randomUUID(), clinician, null,
                    404, null);
            // Copies of one check-in racing each other: the database refuses all but one, and its message (which
            // quotes the key) must stay out of the log.
            String racing = "{\"id\": \"" + racingId + "\", \"context\": \"DAILY\", \"recordedAt\": \""
                    + Instant.now().minus(2, ChronoUnit.HOURS) + "\", \"scores\": {\"pain\": 5}}";
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> copies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                copies.add(app.http().sendAsync(HttpRequest.newBuilder(URI.create(api + "/api/v1/patients/" + patientId
                        + "/check-ins")).header("Authorization", "Bearer " + clinician)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(racing))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (var copy : copies) {
                assertTrue(copy.join().statusCode() / 100 == 2, "a racing copy answered " + copy.join().body());
            }
            for (int i = 0; i < 5; i++) {
                app.send(api, "POST", "/api/v1/auth/token", null,
                        "{\"username\": \"" + displayName + "\", \"password\": \"wrong password " + i + "\"}", 401, null);
            }
            app.send(api, "POST", "/api/v1/auth/token", null,
                    "{\"username\": \"" + displayName + "\", \"password\": \"wrong password\"}", 429, requestId);

            assertEquals(404, app.request(api, "GET", "/q/metrics", null, null, null).statusCode(),
                    "metrics must not be served on the API port");
            assertEquals(200, app.request(api, "GET", "/q/health/ready", null, null, null).statusCode(),
                    "the load balancer checks health on the API port");
            metrics = app.send(metricsUrl, "GET", "/q/metrics", null, null, 200, null);
        } finally {
            running.destroy(); // SIGTERM: a clean shutdown flushes the log
            running.waitFor(30, TimeUnit.SECONDS);
        }

        // Two check-ins stored: the one with a note, and one of the eight racing copies.
        assertTrue(metrics.contains("infusion_checkins_stored_total{context=\"DAILY\"} 2.0"), metrics);
        assertTrue(metrics.contains("infusion_alerts_raised_total{rule=\"SELF_HARM_RISK\",severity=\"URGENT\"} 1.0"));
        assertTrue(metrics.contains("agroal_active_count{datasource=\"default\"}"));
        assertTrue(metrics.contains("uri=\"/api/v1/patients/{patientId}/check-ins\""));
        for (String secret : List.of(patientId, checkInId, displayName, externalId)) {
            assertFalse(metrics.contains(secret), "metrics carry " + secret);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            } else {
                assertTrue(line.isBlank() || line.startsWith("\tat ") || line.startsWith("__  ")
                        || line.startsWith(" --") || line.startsWith(" -/") || line.startsWith("--/"),
                        "not a JSON log line: " + line);
            }
        }
        assertTrue(lines.size() > 5, "too few log lines: " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> requestId.equals(l.path("mdc").path("requestId").asText())
                && l.path("loggerName").asText().endsWith("LoginThrottle")), "the refused sign-in, with its request id");
        String all = Files.readString(log);
        for (String secret : List.of(patientId, checkInId, racingId, displayName, externalId, note)) {
            assertFalse(all.contains(secret), "the log carries " + secret);
        }
    }

    private Process start(Path dataDir, int port, int management, Path log) throws Exception {
        // Configured as an operator would: environment variables only.
        return app.start(List.of(), Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(management),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + dataDir.resolve("db") + PackagedApp.H2_OPTIONS,
                "INFUSION_AUTH_SIGNING_KEY", dataDir.resolve("signing-key.pem").toString(),
                "BOOTSTRAP_ADMIN_USERNAME", "observability.admin",
                "BOOTSTRAP_ADMIN_PASSWORD", "observability-admin-password"), log, port, Duration.ofSeconds(90));
    }
}
