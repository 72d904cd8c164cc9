package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A 2xx means the record is on disk: check-ins acknowledged by the packaged application survive a SIGKILL of the
 * process that acknowledged them. Runs the real jar on a fresh H2 file (PostgreSQL's durability is the server's).
 */
class DurabilityIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private volatile String bearer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldKeepEveryAcknowledgedCheckInAcrossSigkill() throws Exception {
        assumeTrue("h2".equals(System.getProperty("test.db-kind", "h2")), "H2 only");
        assertTrue(Files.exists(JAR), "package the application first");
        Path dataDir = Files.createTempDirectory("durability");
        int port = freePort();

        Process app = start(dataDir, port);
        // check-in id -> patient id
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> patients = new ArrayList<>();
        try {
            String admin = token(port, "durability.admin", "durability-admin-password");
            send(port, "POST", "/api/v1/users", admin, "{\"username\": \"durability.clinician\", \"password\": "
                    + "\"durability-clinician-pw\", \"role\": \"CLINICIAN\", \"displayName\": \"Clinician\"}", 201);
            bearer = token(port, "durability.clinician", "durability-clinician-pw");
            // One patient per writer, as in a clinic: a pain check-in takes its patient's lock (alert rules), so
            // eight writers on one patient would take turns and prove little about concurrent commits.
            for (int w = 0; w < 8; w++) {
                patients.add(extractId(send(port, "POST", "/api/v1/patients", bearer,
                        "{\"displayName\": \"Durability " + w + "\"}", 201)));
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
                            send(port, "POST", "/api/v1/patients/" + patientId + "/check-ins", bearer, body, 201);
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
            app.destroyForcibly(); // SIGKILL: no shutdown hook, no final flush
            app.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(acknowledged.size() > 50, "too few writes to prove anything: " + acknowledged.size());

        Process restarted = start(dataDir, port);
        try {
            bearer = token(port, "durability.clinician", "durability-clinician-pw");
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String> written : acknowledged.entrySet()) {
                String id = written.getKey();
                HttpResponse<String> r = request(port, "GET", "/api/v1/patients/" + written.getValue() + "/check-ins/" + id,
                        bearer, null);
                if (r.statusCode() != 200) {
                    missing.add(id);
                }
            }
            assertEquals(List.of(), missing, "acknowledged check-ins lost after SIGKILL (of " + acknowledged.size() + ")");
            // The packaged application runs the prod profile: no Swagger UI, no demo cohort.
            assertEquals(404, request(port, "GET", "/q/swagger-ui/", null, null).statusCode());
            assertTrue(send(port, "GET", "/api/v1/patients", bearer, null, 200).contains("\"nextCursor\":null"));
            assertTrue(!send(port, "GET", "/api/v1/patients", bearer, null, 200).contains("DEMO-"));
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Path dataDir, int port) throws Exception {
        Path log = dataDir.resolve("app-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder("java",
                "-Dquarkus.http.port=" + port,
                // prod serves metrics on a management port (9000 by default): a free one, as other builds run too
                "-Dquarkus.management.port=" + freePort(),
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dataDir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000",
                "-Dinfusion.demo-data.enabled=false",
                "-Dinfusion.auth.signing-key=" + dataDir.resolve("signing-key.pem"),
                "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BOOTSTRAP_ADMIN_USERNAME", "durability.admin");
        builder.environment().put("BOOTSTRAP_ADMIN_PASSWORD", "durability-admin-password");
        Process process = builder.start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (request(port, "GET", "/q/health/ready", null, null).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertTrue(process.isAlive(), () -> "application exited: " + readQuietly(log));
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("application did not become ready: " + readQuietly(log));
    }

    private String token(int port, String username, String password) throws Exception {
        String body = send(port, "POST", "/api/v1/auth/token", null,
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}", 200);
        return body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private String send(int port, String method, String path, String token, String body, int expected)
            throws Exception {
        HttpResponse<String> response = request(port, method, path, token, body);
        assertEquals(expected, response.statusCode(), response.body());
        return response.body();
    }

    private HttpResponse<String> request(int port, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String extractId(String json) {
        Matcher m = ID.matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
