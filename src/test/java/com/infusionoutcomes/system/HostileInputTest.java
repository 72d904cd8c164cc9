package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.infusionoutcomes.TestData;
import com.infusionoutcomes.auth.LoginThrottle;
import com.infusionoutcomes.problem.Problem;

import io.agroal.api.AgroalDataSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swagger.v3.core.util.Yaml31;

/**
 * Hostile input at volume. Every write operation in openapi/openapi.yaml (POST, PUT, PATCH and
 * DELETE, read from the contract, so operations added later are covered without touching this test) receives
 * generated requests derived from its schemas: malformed JSON, wrong JSON types, numbers past their bounds and
 * beyond any range, strings past their length or pattern, unknown and missing properties, unknown enum constants,
 * impossible dates, bad ids in the body and in the path, several faults at once. Each is sent as a role that may
 * call the operation. Every answer must be below 500; every 4xx a problem document; every request the schema
 * forbids must be refused; and a refused request must leave the database as it was (the audit trail aside,
 * which records refused attempts by design).
 *
 * <p>
 * Generation is seeded ({@code -Dhostile.seed=N} replays another sequence); a failure names the case, its body
 * and the answer.
 */
@QuarkusTest
class HostileInputTest {

    private static final long SEED = Long.getLong("hostile.seed", 20_261_126L);
    /** Requests that combine several faults, per operation, on top of one request per single fault. */
    private static final int COMBINED_CASES = 40;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> ROLES = List.of("CLINICIAN", "PATIENT", "ADMIN");
    private static final AtomicInteger SENT = new AtomicInteger();

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoginThrottle throttle;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private JsonNode contract;
    private Fixture fixture;
    private DatabaseSnapshot database;
    /** The If-Match value sent with each request of a conditional operation; null for the others. */
    private volatile String currentVersion;

    /** The records every generated request points at: ids for path parameters and reference fields, tokens. */
    record Fixture(Map<String, String> tokens, Map<String, String> ids, UUID patientId) {
    }

    @AfterAll
    static void report() {
        System.out.println("HostileInputTest: " + SENT.get() + " requests, seed " + SEED);
    }

    @TestFactory
    Stream<DynamicTest> everyWriteOperationRefusesHostileInputWithoutStoringIt() throws IOException {
        contract = Yaml31.mapper().readTree(Files.readString(Path.of("openapi/openapi.yaml")));
        fixture = fixture();
        database = new DatabaseSnapshot(dataSource);
        List<DynamicTest> tests = new ArrayList<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase();
            if (List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                tests.add(DynamicTest.dynamicTest(method + " " + path.getKey(),
                        () -> attack(method, path.getKey(), path.getValue(), op.getValue())));
            }
        }));
        tests.add(DynamicTest.dynamicTest("thousands of requests in all", () -> assertTrue(SENT.get() >= 2000,
                "only " + SENT.get() + " requests")));
        return tests.stream();
    }

    private Fixture fixture() {
        String admin = TestData.adminToken();
        String clinician = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        String colleague = TestData.createStaff("CLINICIAN");
        TestData.signIn(clinician);
        try {
            String patientId = TestData.enrollPatient(
                    "{\"displayName\": \"Hostile Input\", \"timezone\": \"America/Chicago\", \"birthYear\": 1980}");
            String sessionId = TestData.completedSession(patientId, 3);
            String checkInId = TestData.dailyCheckIn(patientId, Instant.now().minus(2, ChronoUnit.HOURS), 5);
            String responseId = TestData.as(clinician).contentType(ContentType.JSON)
                    .body("{\"instrument\": \"phq9\", \"answers\": [0,0,0,0,0,0,0,0,1], \"recordedAt\": \""
                            + Instant.now().minus(1, ChronoUnit.HOURS) + "\"}")
                    .post("/api/v1/patients/{p}/questionnaire-responses", patientId)
                    .then().statusCode(201).extract().path("id");
            String alertId = TestData.as(clinician).get("/api/v1/patients/{p}/alerts", patientId)
                    .then().statusCode(200).extract().path("items[0].id");
            String colleagueId = TestData.as(admin).queryParam("limit", 500).get("/api/v1/users")
                    .then().statusCode(200).extract().jsonPath()
                    .getString("items.find { it.username == '" + colleague + "' }.id");
            String patient = TestData.patientToken(patientId, clinician);
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("patientId", patientId);
            ids.put("sessionId", sessionId);
            ids.put("checkInId", checkInId);
            ids.put("responseId", responseId);
            ids.put("alertId", alertId);
            ids.put("userId", colleagueId);
            ids.put("code", "phq9");
            ids.put("domain", "pain");
            return new Fixture(Map.of("CLINICIAN", clinician, "PATIENT", patient, "ADMIN", admin), ids,
                    UUID.fromString(patientId));
        } finally {
            TestData.signOut();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // One operation
    // ---------------------------------------------------------------------------------------------------------

    private void attack(String method, String template, JsonNode pathItem, JsonNode operation) throws Exception {
        throttle.reset(); // malformed sign-ins count as failures; start each operation from a clean slate
        currentVersion = null;
        try {
            Random random = new Random(SEED ^ (method + template).hashCode());
            boolean anonymous = operation.has("security") && operation.get("security").isEmpty();
            List<JsonNode> parameters = new ArrayList<>();
            for (JsonNode holder : List.of(pathItem, operation)) {
                holder.path("parameters").forEach(p -> parameters.add(resolve(p)));
            }
            Map<String, String> path = new LinkedHashMap<>();
            parameters.stream().filter(p -> "path".equals(p.path("in").asText()))
                    .forEach(p -> path.put(p.get("name").asText(),
                            fixture.ids().getOrDefault(p.get("name").asText(), UUID.randomUUID().toString())));

            JsonNode content = operation.path("requestBody").path("content");
            String mediaType = content.isObject() && content.size() > 0 ? content.fieldNames().next() : null;
            JsonNode schema = mediaType == null ? null : resolve(content.get(mediaType).get("schema"));

            List<Case> cases = new ArrayList<>();
            JsonNode base = null;
            if (schema != null) {
                base = withFixtureIds(example(content.get(mediaType), schema, random));
                cases.add(Case.json("the contract's example", path, base, false));
                bodyFaults(base, schema, path, mediaType, random, cases);
            }
            pathFaults(path, base, cases);
            headerFaults(parameters, path, base, cases);

            String token = anonymous ? null : pickRole(method, template, path, mediaType);
            // An operation that wants the current version (If-Match) gets it, so faults reach the body's checks.
            boolean conditional = parameters.stream().anyMatch(p -> "header".equals(p.path("in").asText())
                    && "If-Match".equalsIgnoreCase(p.path("name").asText()));
            currentVersion = conditional ? version(template, path, token) : null;
            // What the contract forbids goes first, in one run checked by one snapshot on each side (and case by
            // case only if that run changed anything); then the rest, case by case, since some are accepted.
            List<Case> forbidden = new ArrayList<>();
            List<Case> rest = new ArrayList<>();
            for (Case c : cases) {
                boolean refusable = c.forbiddenBySchema() || (schema != null && c.body() != null
                        && SchemaCheck.violation(contract, schema, c.body(), "") != null);
                (refusable ? forbidden : rest).add(c);
            }
            List<String> failures = new ArrayList<>();
            DatabaseSnapshot.State start = database.take(fixture.patientId());
            List<String> runFailures = run(method, template, forbidden, mediaType, token, schema, null);
            if (runFailures.isEmpty() && start.differenceFrom(database.take(fixture.patientId())) != null) {
                runFailures = run(method, template, forbidden, mediaType, token, schema,
                        database.take(fixture.patientId()));
            }
            failures.addAll(runFailures);
            failures.addAll(run(method, template, rest, mediaType, token, schema, database.take(fixture.patientId())));
            assertEquals(List.of(), failures.stream().limit(15).toList(),
                    failures.size() + " of " + cases.size() + " cases failed for " + method + " " + template);
        } finally {
            throttle.reset();
        }
    }

    /** Sends the cases; with a snapshot to start from, checks the database after each refused one. */
    private List<String> run(String method, String template, List<Case> cases, String mediaType, String token,
            JsonNode schema, DatabaseSnapshot.State before) throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        if (before == null) {
            // Nothing to compare between cases: four at a time.
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Void>> tasks = new ArrayList<>();
                for (Case c : cases) {
                    tasks.add(() -> {
                        Case sent = c.withFreshIds();
                        HttpResponse<String> answer = send(method, template, sent, mediaType, token);
                        String problem = judge(sent, answer, null, null, schema);
                        if (problem != null) {
                            failures.add(describe(problem, sent, answer));
                        }
                        return null;
                    });
                }
                for (Future<Void> f : senders.invokeAll(tasks)) {
                    f.get();
                }
            } finally {
                senders.shutdown();
            }
            return failures;
        }
        for (Case c : cases) {
            Case sent = c.withFreshIds();
            HttpResponse<String> answer = send(method, template, sent, mediaType, token);
            DatabaseSnapshot.State after = before == null ? null : database.take(fixture.patientId());
            String problem = judge(sent, answer, before, after, schema);
            if (problem != null) {
                failures.add(describe(problem, sent, answer));
            }
            if (currentVersion != null && answer.statusCode() / 100 == 2) {
                currentVersion = version(template, c.path(), token);
            }
            before = after;
        }
        return failures;
    }

    private static String describe(String problem, Case c, HttpResponse<String> answer) {
        return problem + "\n    case: " + c.label() + "\n    body: " + abbreviate(c.bodyText()) + "\n    answer: "
                + answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse("(no type)") + " "
                + abbreviate(answer.body());
    }

    /** What is wrong with this answer, or null. */
    private String judge(Case c, HttpResponse<String> answer, DatabaseSnapshot.State before,
            DatabaseSnapshot.State after, JsonNode schema) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "server error";
        }
        if (status >= 400) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith(Problem.MEDIA_TYPE)) {
                return "a 4xx that is not a problem document";
            }
            try {
                JsonNode body = JSON.readTree(answer.body());
                if (body.path("status").asInt() != status || !body.path("title").isTextual()
                        || !body.path("type").isTextual()) {
                    return "a problem document without its status, title and type";
                }
            } catch (IOException e) {
                return "a problem document that is not JSON";
            }
            String changed = before == null ? null : before.differenceFrom(after);
            if (changed != null) {
                return "a refused request changed the database: " + changed;
            }
            return null;
        }
        String violation = c.forbiddenBySchema() ? "see the case"
                : schema == null || c.body() == null ? null : SchemaCheck.violation(contract, schema, c.body(), "");
        if (violation == null || refusedItem(violation, answer)) {
            return null;
        }
        return "accepted (" + status + ") although the contract forbids it: " + violation;
    }

    /**
     * An operation that judges each item of a list on its own (check-ins:batch answers a {@code results} list, one
     * per item, in order) may refuse a forbidden item in its answer rather than refuse the request.
     */
    private static boolean refusedItem(String violation, HttpResponse<String> answer) {
        Matcher item = Pattern.compile("^/[^/ ]+/(\\d+)[/ ]").matcher(violation);
        if (!item.find()) {
            return false;
        }
        try {
            String status = JSON.readTree(answer.body()).path("results").path(Integer.parseInt(item.group(1)))
                    .path("status").asText();
            return status.equals("invalid") || status.equals("conflict");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The ETag a GET of the same resource answers now. */
    private String version(String template, Map<String, String> path, String token) throws Exception {
        HttpResponse<String> current = send("GET", template, new Case("current version", path, null, null, null,
                Map.of(), false), null, token);
        return current.headers().firstValue("ETag").orElse("*");
    }

    /** The first role, clinician first, that the operation does not refuse with 403. */
    private String pickRole(String method, String template, Map<String, String> path, String mediaType)
            throws Exception {
        for (String role : ROLES) {
            String token = fixture.tokens().get(role);
            int status = send(method, template, Case.raw("role probe", path, mediaType == null ? null : "{", false),
                    mediaType, token).statusCode();
            if (status != 403 && status != 401) {
                return token;
            }
        }
        throw new AssertionError("no role may call " + method + " " + template);
    }

    private HttpResponse<String> send(String method, String template, Case c, String mediaType, String token)
            throws IOException, InterruptedException {
        String target = template;
        for (Map.Entry<String, String> p : c.path().entrySet()) {
            target = target.replace("{" + p.getKey() + "}",
                    URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + target))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        c.headers().forEach(request::header);
        if (currentVersion != null && !"GET".equals(method) && !c.headers().containsKey("If-Match")) {
            request.header("If-Match", currentVersion);
        }
        byte[] body = c.bytes();
        if (body != null) {
            String type = c.contentType() != null ? c.contentType() : mediaType;
            if (type != null && !type.isEmpty()) {
                request.header("Content-Type", type);
            }
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        SENT.incrementAndGet();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generation
    // ---------------------------------------------------------------------------------------------------------

    /** A request: its path parameters, its body (JSON tree or raw bytes), headers and content type. */
    record Case(String label, Map<String, String> path, JsonNode body, byte[] raw, String contentType,
            Map<String, String> headers, boolean forbiddenBySchema) {

        static Case json(String label, Map<String, String> path, JsonNode body, boolean forbidden) {
            return new Case(label, path, body, null, null, Map.of(), forbidden);
        }

        static Case raw(String label, Map<String, String> path, String body, boolean forbidden) {
            return new Case(label, path, null, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null,
                    Map.of(), forbidden);
        }

        byte[] bytes() {
            if (raw != null) {
                return raw;
            }
            try {
                return body == null ? null : JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String bodyText() {
            byte[] b = bytes();
            return b == null ? "(none)" : new String(b, StandardCharsets.UTF_8);
        }

        /** A client-chosen id is fresh in every request, so a valid one is stored rather than replayed (409). */
        Case withFreshIds() {
            if (body instanceof ObjectNode object && object.path("id").isTextual()
                    && SchemaCheck.isUuid(object.get("id").asText())) {
                ObjectNode copy = object.deepCopy();
                copy.put("id", UUID.randomUUID().toString());
                return new Case(label, path, copy, raw, contentType, headers, forbiddenBySchema);
            }
            return this;
        }
    }

    private void bodyFaults(JsonNode base, JsonNode schema, Map<String, String> path, String mediaType, Random random,
            List<Case> cases) {
        // Not JSON at all, or not the JSON object the schema describes; a byte order mark may be ignored (RFC 8259).
        List<String> malformed = List.of("", "{", "}", "{\"", "[]", "null", "0", "\"text\"", "true", "{}{}",
                "{\"a\": 1,}", "{'displayName': 'x'}", "{\"a\": NaN}", "{\"a\": 01}", "{\"a\": .5}",
                "{\"a\": \"\\x41\"}", "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000), base + " trailing",
                base.toString().replaceFirst("\\{", "{\"a\": 1, \"a\": 2, "));
        for (String text : malformed) {
            cases.add(Case.raw("malformed: " + abbreviate(text), path, text, true));
        }
        cases.add(Case.raw("byte order mark", path, "\uFEFF" + base, false));
        cases.add(new Case("invalid UTF-8", path, null,
                concat(base.toString().substring(0, 1).getBytes(StandardCharsets.UTF_8),
                        new byte[] { '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}' }),
                null, Map.of(), true));
        cases.add(new Case("over 1 MiB", path, null,
                ("{\"pad\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8), null, Map.of(), true));
        cases.add(new Case("text/plain", path, base, null, "text/plain", Map.of(), true));
        cases.add(new Case("application/xml", path, null, "<patient/>".getBytes(StandardCharsets.UTF_8),
                "application/xml", Map.of(), true));
        cases.add(new Case("a content type that is not a media type", path, base, null, "json", Map.of(), true));
        cases.add(new Case("JSON in Latin-1", path, base, null, mediaType + "; charset=ISO-8859-1", Map.of(), false));
        // One fault at a time, everywhere the schema reaches.
        List<Fault> faults = new ArrayList<>();
        collectFaults(base, schema, "", faults);
        for (Fault f : faults) {
            JsonNode body = f.apply(base);
            cases.add(Case.json(f.label(), path, body, false));
        }
        // Several at once.
        for (int i = 0; i < COMBINED_CASES && !faults.isEmpty(); i++) {
            JsonNode body = base.deepCopy();
            StringBuilder label = new StringBuilder("combined:");
            for (int n = 2 + random.nextInt(3); n > 0; n--) {
                Fault f = faults.get(random.nextInt(faults.size()));
                body = f.apply(body);
                label.append(' ').append(f.label()).append(';');
            }
            cases.add(Case.json(label.toString(), path, body, false));
        }
    }

    private void pathFaults(Map<String, String> path, JsonNode base, List<Case> cases) {
        for (String name : path.keySet()) {
            for (String bad : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
                    UUID.randomUUID().toString(), "1-1-1-1-1", "-1", "0", " ", "\u0000", "..", "%", "😀",
                    "'; drop table patient; --", "{" + name + "}", "x".repeat(1_000),
                    path.get(name).toUpperCase(), path.get(name) + "0")) {
                Map<String, String> wrong = new LinkedHashMap<>(path);
                wrong.put(name, bad);
                boolean forbidden = !bad.equalsIgnoreCase(path.get(name));
                cases.add(Case.json("path " + name + " = " + abbreviate(bad), wrong, base, forbidden));
            }
        }
    }

    private void headerFaults(List<JsonNode> parameters, Map<String, String> path, JsonNode base, List<Case> cases) {
        for (JsonNode p : parameters) {
            if (!"header".equals(p.path("in").asText())) {
                continue;
            }
            String name = p.get("name").asText();
            for (String bad : List.of("", " ", "x".repeat(1_000), "not-a-uuid", "\t", "a,b", "0")) {
                cases.add(new Case("header " + name + " = " + abbreviate(bad), path, base, null, null,
                        Map.of(name, bad), false));
            }
        }
    }

    /** A change to a body at one place; applied to a copy. */
    record Fault(String label, String pointer, JsonNode value, boolean remove) {

        JsonNode apply(JsonNode body) {
            JsonNode copy = body.deepCopy();
            if (pointer.isEmpty()) {
                return value;
            }
            int cut = pointer.lastIndexOf('/');
            JsonNode parent = copy.at(pointer.substring(0, cut));
            String last = pointer.substring(cut + 1);
            if (parent instanceof ObjectNode object) {
                if (remove) {
                    object.remove(last);
                } else {
                    object.set(last, value);
                }
            } else if (parent instanceof ArrayNode array && !remove && last.matches("\\d+")) {
                int index = Integer.parseInt(last);
                if (index < array.size()) {
                    array.set(index, value);
                } else {
                    array.add(value);
                }
            }
            return copy;
        }
    }

    /**
     * Every fault the schema suggests at this place, and, for objects and arrays, at every place inside. Inside a
     * property the example leaves out, the faults replace the whole property: a sample of it with one fault.
     */
    private void collectFaults(JsonNode value, JsonNode schema, String pointer, List<Fault> faults) {
        schema = SchemaCheck.effective(contract, schema);
        for (JsonNode v : hostileValues(schema)) {
            faults.add(new Fault(pointer + " = " + abbreviate(v.toString()), pointer, v, false));
        }
        if (!schema.has("properties") && !schema.has("items")) {
            return;
        }
        if (value == null || !(value.isObject() || value.isArray())) {
            JsonNode sampled = sample(schema, new Random(pointer.hashCode()));
            List<Fault> inside = new ArrayList<>();
            collectFaults(sampled, schema, "", inside);
            for (Fault f : inside) {
                if (!f.pointer().isEmpty()) {
                    faults.add(new Fault(pointer + f.label(), pointer, f.apply(sampled), false));
                }
            }
            return;
        }
        if (value.isObject()) {
            faults.add(new Fault(pointer + "/unexpectedProperty added", pointer + "/unexpectedProperty",
                    JSON.getNodeFactory().numberNode(1), false));
            schema.path("required").forEach(r -> faults.add(new Fault(pointer + "/" + r.asText() + " removed",
                    pointer + "/" + r.asText(), null, true)));
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> p = properties.next();
                JsonNode inner = value.has(p.getKey()) && !value.get(p.getKey()).isNull() ? value.get(p.getKey()) : null;
                collectFaults(inner, p.getValue(), pointer + "/" + p.getKey(), faults);
            }
        } else if (schema.has("items")) {
            collectFaults(value.size() > 0 ? value.get(0) : null, schema.get("items"), pointer + "/0", faults);
        }
    }

    /** Values that break the schema at one place, and values at its edges that it allows. */
    private List<JsonNode> hostileValues(JsonNode schema) {
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.addAll(List.of("7", 7, 7.5, true, Map.of(), List.of()));
        if (schema.has("enum")) {
            String first = schema.get("enum").get(0).asText();
            values.addAll(List.of("NOT_A_VALUE", first.toLowerCase(), " " + first, ""));
            schema.get("enum").forEach(e -> values.add(e.asText()));
        }
        List<String> types = SchemaCheck.types(schema);
        if (types.contains("integer") || types.contains("number")) {
            for (String edge : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
                if (schema.has(edge)) {
                    BigDecimal at = schema.get(edge).decimalValue();
                    values.addAll(List.of(at, at.subtract(BigDecimal.ONE), at.add(BigDecimal.ONE),
                            at.subtract(new BigDecimal("0.001")), at.add(new BigDecimal("0.001"))));
                }
            }
            values.addAll(List.of(0, -1, 2147483648L, new BigInteger("99999999999999999999999"),
                    new BigDecimal("1e400"), new BigDecimal("-1e400"),
                    new BigDecimal("1e-400"), new BigDecimal("0.1")));
        }
        if (types.contains("string")) {
            values.addAll(List.of("", " ", "\u0000", "a\u0000b", "\ud800", "\u202Eevil", "<script>alert(1)</script>",
                    "' OR 1=1 --", "😀".repeat(20), "x".repeat(100_000)));
            if (schema.has("maxLength")) {
                int max = schema.get("maxLength").asInt();
                values.addAll(List.of("x".repeat(max), "x".repeat(max + 1), "é".repeat(max + 1)));
            }
            String format = schema.path("format").asText();
            if (format.equals("uuid")) {
                values.addAll(List.of("not-a-uuid", UUID.randomUUID().toString(),
                        "00000000-0000-0000-0000-000000000000", "1-1-1-1-1", "AAAAAAAAAAAAAAAAAAAAAA==",
                        UUID.randomUUID().toString().replace("-", "")));
            }
            if (format.equals("date-time")) {
                values.addAll(List.of("yesterday", "2026-02-30T10:00:00Z", "2026-03-01T10:00:00",
                        "2026-03-01T10:00:00+25:00", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                        "+10000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                        "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1900-01-01T00:00:00+14:00",
                        Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "2026-03-01t10:00:00z",
                        "2026-03-01T10:00:00.1234567891Z", Instant.now().minus(1, ChronoUnit.DAYS).toString()));
            }
            if (format.equals("date")) {
                values.addAll(List.of("2026-02-30", "26-03-01", "0000-01-01", "+999999999-12-31", "2026-03-01"));
            }
            if (schema.has("pattern")) {
                values.addAll(List.of("ab", "has space", "x".repeat(65), "ok.name-" + UUID.randomUUID().toString()
                        .substring(0, 6)));
            }
        }
        if (types.contains("array")) {
            JsonNode items = schema.has("items") ? SchemaCheck.effective(contract, schema.get("items")) : null;
            values.add(Collections.singletonList(null));
            if (items != null && schema.has("maxItems")) {
                JsonNode sample = sample(items, new Random(1));
                List<JsonNode> many = new ArrayList<>();
                for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                    many.add(sample);
                }
                values.add(many);
            }
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (Object v : values) {
            nodes.add(JSON.valueToTree(v));
        }
        return nodes;
    }

    /** The contract's example for this body (the first of several), or a sample built from the schema. */
    private JsonNode example(JsonNode media, JsonNode schema, Random random) {
        JsonNode example = media.has("example") ? media.get("example")
                : media.has("examples") ? resolve(media.get("examples").elements().next()).get("value") : null;
        return example != null ? example.deepCopy() : sample(schema, random);
    }

    /** A value the schema allows, with every property, for operations whose contract has no example. */
    private JsonNode sample(JsonNode schema, Random random) {
        schema = SchemaCheck.effective(contract, schema);
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        List<String> types = SchemaCheck.types(schema);
        if (types.contains("object") || schema.has("properties")) {
            ObjectNode object = JSON.createObjectNode();
            schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), sample(p.getValue(),
                    random)));
            return object;
        }
        if (types.contains("array")) {
            ArrayNode array = JSON.createArrayNode();
            if (schema.has("items")) {
                array.add(sample(schema.get("items"), random));
            }
            return array;
        }
        if (types.contains("integer") || types.contains("number")) {
            if (schema.has("minimum")) {
                return schema.get("minimum");
            }
            return JSON.getNodeFactory().numberNode(schema.has("maximum") ? schema.get("maximum").asInt() : 1);
        }
        if (types.contains("boolean")) {
            return JSON.getNodeFactory().booleanNode(true);
        }
        String format = schema.path("format").asText();
        return JSON.getNodeFactory().textNode(switch (format) {
        case "uuid" -> UUID.randomUUID().toString();
        case "date-time" -> Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        case "date" -> "2026-01-01";
        default -> "sample-" + Integer.toHexString(random.nextInt());
        });
    }

    /** Reference fields of the example point at the fixture's records, so the example is otherwise valid. */
    private JsonNode withFixtureIds(JsonNode body) {
        if (body instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                if (fixture.ids().containsKey(name) && object.get(name).isTextual()) {
                    object.put(name, fixture.ids().get(name));
                }
            });
            object.fields().forEachRemaining(f -> withFixtureIds(f.getValue()));
        }
        return body;
    }

    private JsonNode resolve(JsonNode node) {
        return SchemaCheck.resolve(contract, node);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 120 ? flat : flat.substring(0, 100) + "... (" + flat.length() + " chars)";
    }
}
