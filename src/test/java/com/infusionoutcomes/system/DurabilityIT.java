package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A 2xx means the record is on disk: check-ins acknowledged by the packaged application survive a SIGKILL of the
 * process that acknowledged them. Runs the real jar on a fresh H2 file (PostgreSQL's durability is the server's).
 */
class DurabilityIT {

    private final PackagedApp app = new PackagedApp();
    private volatile String bearer;

    @Test
    void shouldKeepEveryAcknowledgedCheckInAcrossSigkill() throws Exception {
        assumeTrue("h2".equals(System.getProperty("test.db-kind", "h2")), "H2 only");
        assertTrue(Files.exists(PackagedApp.JAR), "package the application first");
        Path dataDir = Files.createTempDirectory("durability");
        int port = PackagedApp.freePort();
        String base = PackagedApp.base(port);

        Process running = start(dataDir, port);
        // check-in id -> patient id
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> patients = new ArrayList<>();
        try {
            String admin = app.token(base, "durability.admin", "durability-admin-password");
            app.send(base, "POST", "/api/v1/users", admin, "{\"username\": \"durability.clinician\", \"password\": "
                    + "\"durability-clinician-pw\", \"role\": \"CLINICIAN\", \"displayName\": \"Clinician\"}", 201, null);
            bearer = app.token(base, "durability.clinician", "durability-clinician-pw");
            // One patient per writer, as in a clinic: a pain check-in takes its patient's lock (alert rules), so
            // eight writers on one patient would take turns and prove little about concurrent commits.
            for (int w = 0; w < 8; w++) {
                patients.add(PackagedApp.id(app.send(base, "POST", "/api/v1/patients", bearer,
                        "{\"displayName\": \"Durability " + w + "\"}", 201, null)));
            }
            ExecutorService writers = Executors.newFixedThreadPool(8);
            // At least 3 seconds and 200 acknowledged writes: a loaded CI machine gets there later, not never.
            Instant stopAt = Instant.now().plusSeconds(3);
            Instant giveUpAt = Instant.now().plusSeconds(60);
            for (String patientId : patients) {
                writers.submit(() -> {
                    while ((Instant.now().isBefore(stopAt) || acknowledged.size() < 200)
                            && Instant.now().isBefore(giveUpAt)) {
                        String id = UUID.randomUUID().toString();
                        String body = "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 5}}"
                                .formatted(id, Instant.now().minus(1, ChronoUnit.HOURS));
                        try {
                            app.send(base, "POST", "/api/v1/patients/" + patientId + "/check-ins", bearer, body, 201, null);
                            acknowledged.put(id, patientId);
                        } catch (Exception e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            writers.shutdown();
            assertTrue(writers.awaitTermination(90, TimeUnit.SECONDS));
        } finally {
            running.destroyForcibly(); // SIGKILL: no shutdown hook, no final flush
            running.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(acknowledged.size() > 50, "too few writes to prove anything: " + acknowledged.size());

        Process restarted = start(dataDir, port);
        try {
            bearer = app.token(base, "durability.clinician", "durability-clinician-pw");
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String> written : acknowledged.entrySet()) {
                String id = written.getKey();
                HttpResponse<String> r = app.request(base, "GET", "/api/v1/patients/" + written.getValue() + "/check-ins/" + id,
                        bearer, null, null);
                if (r.statusCode() != 200) {
                    missing.add(id);
                }
            }
            assertEquals(List.of(), missing, "acknowledged check-ins lost after SIGKILL (of " + acknowledged.size() + ")");
            // The packaged application runs the prod profile: no Swagger UI, no demo cohort.
            assertEquals(404, app.request(base, "GET", "/q/swagger-ui/", null, null, null).statusCode());
            assertTrue(app.send(base, "GET", "/api/v1/patients", bearer, null, 200, null).contains("\"nextCursor\":null"));
            assertTrue(!app.send(base, "GET", "/api/v1/patients", bearer, null, 200, null).contains("DEMO-"));
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Path dataDir, int port) throws Exception {
        return app.start(List.of("-Dquarkus.http.port=" + port,
                // prod serves metrics on a management port (9000 by default): a free one, as other builds run too
                "-Dquarkus.management.port=" + PackagedApp.freePort(),
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dataDir.resolve("db") + PackagedApp.H2_OPTIONS,
                "-Dinfusion.demo-data.enabled=false",
                "-Dinfusion.auth.signing-key=" + dataDir.resolve("signing-key.pem")),
                Map.of("BOOTSTRAP_ADMIN_USERNAME", "durability.admin",
                        "BOOTSTRAP_ADMIN_PASSWORD", "durability-admin-password"),
                dataDir.resolve("app-" + System.nanoTime() + ".log"), port, Duration.ofSeconds(60));
    }
}
