package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar (prod profile) started as a process of its own, as production runs it, and a plain HTTP client
 * for it: what the integration tests of durability and observability share.
 */
final class PackagedApp {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /** The application's own H2 options; append them to {@code jdbc:h2:file:<path>}. */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Runs {@code java <jvmArgs> -jar JAR} with {@code env} added to the environment and its output in {@code log},
     * and returns once {@code /q/health/ready} answers 200 on {@code port}.
     */
    Process start(List<String> jvmArgs, Map<String, String> env, Path log, int port, Duration patience)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (request(base(port), "GET", "/q/health/ready", null, null, null).statusCode() == 200) {
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

    static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    String token(String base, String username, String password) throws Exception {
        String body = send(base, "POST", "/api/v1/auth/token", null,
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}", 200, null);
        return body.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    /** The answer's body, having asserted its status. */
    String send(String base, String method, String path, String token, String body, int expected,
            String requestId) throws Exception {
        HttpResponse<String> response = request(base, method, path, token, body, requestId);
        assertEquals(expected, response.statusCode(), response.body());
        return response.body();
    }

    HttpResponse<String> request(String base, String method, String path, String token, String body,
            String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    /** The first {@code "id"} of a JSON answer. */
    static String id(String json) {
        Matcher m = ID.matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
