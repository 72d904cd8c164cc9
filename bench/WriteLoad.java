import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write load of bench/crash.sh and bench/two-instances.sh, and the check that follows it: every write the
 * service acknowledged with a 2xx is stored exactly once. Java 17 single-file program, no dependencies.
 *
 *   java bench/WriteLoad.java setup  --target URL --admin USER:PASSWORD --patients N --out DIR
 *       signs in as the bootstrap administrator, creates a clinician (who is then on the care team of every
 *       patient it enrols) and N patients; writes DIR/clinician (username:password) and DIR/patients (one id a line)
 *   java bench/WriteLoad.java load   --targets URL[,URL...] --dir DIR --threads N --seconds S [--mix crash|instances]
 *       N writer threads for S seconds (or until the file DIR/stop appears), each request to the next target in
 *       turn; prints "progress acked=N" every second. Every check-in carries a new client-generated id; a request
 *       whose answer never came (connection refused or reset: the service was killed), or was a 5xx, is sent again
 *       with the same id and body until it gets a 2xx or 4xx, as an offline phone would. Appends what happened to
 *       DIR/log: "sent ID PATIENT", "ack ID PATIENT STATUS", and in the instances mix also "retry", "race",
 *       "phq9", "batch" and "keyed" lines (below).
 *   java bench/WriteLoad.java verify --targets URL[,URL...] --dir DIR [--mix crash|instances]
 *       lists every patient's check-ins through each target and checks: every acknowledged id is listed exactly
 *       once, no id is listed twice, every listed id was sent, and every target lists the same ids. In the
 *       instances mix also: every cross-instance retry and every race answered as the contract says, and each
 *       patient has exactly one unresolved SELF_HARM_RISK alert whose triggerCount is the number of
 *       acknowledged PHQ-9s. Exit code 1 on any violation.
 *
 * The instances mix, besides new check-ins (70 %), sends: the same check-in again to the other instance (10 %,
 * must answer 200 with the stored record); one new check-in to both instances at the same moment (10 %, must
 * answer one 201 and one 200); a PHQ-9 with item 9 above 0 (10 %, raises or re-triggers the patient's alert).
 *
 * Optional operations: when the served contract (/q/openapi) has the
 * check-ins:batch operation, 5 % of the requests are a batch of 5 new check-ins, sent again to the other
 * instance (every item of the second must come back "duplicate"); when it documents an Idempotency-Key header,
 * 5 % are a check-in without id sent with a key, then the same request and key to the other instance (must
 * replay the same check-in). Both are detected at start and printed; extend batch() and keyed() when their
 * contracts change.
 */
public class WriteLoad {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
    private static final Pattern TRIGGERS = Pattern.compile("\"triggerCount\":(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        WriteLoad load = new WriteLoad();
        switch (args.length == 0 ? "" : args[0]) {
        case "setup" -> load.setup(o.get("target"), o.get("admin"), Integer.parseInt(o.getOrDefault("patients", "20")),
                Path.of(o.get("out")));
        case "load" -> load.load(List.of(o.get("targets").split(",")), Path.of(o.get("dir")),
                Integer.parseInt(o.getOrDefault("threads", "8")), Integer.parseInt(o.getOrDefault("seconds", "20")),
                o.getOrDefault("mix", "crash"));
        case "verify" -> System.exit(load.verify(List.of(o.get("targets").split(",")), Path.of(o.get("dir")),
                o.getOrDefault("mix", "crash")) ? 0 : 1);
        default -> {
            System.err.println("usage: java bench/WriteLoad.java setup|load|verify --name value ... (see the comment)");
            System.exit(2);
        }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // setup
    // -------------------------------------------------------------------------------------------------------------

    void setup(String target, String admin, int patients, Path out) throws Exception {
        Files.createDirectories(out);
        String[] credentials = admin.split(":", 2);
        String adminToken = login(target, credentials[0], credentials[1]);
        String username = "load.clinician." + UUID.randomUUID().toString().substring(0, 8);
        String password = "load-clinician-" + UUID.randomUUID();
        expect(send(target, "POST", "/api/v1/users", adminToken, """
                {"username": "%s", "password": "%s", "role": "CLINICIAN", "displayName": "Load clinician"}"""
                .formatted(username, password)), 201);
        String token = login(target, username, password);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            ids.add(id(expect(send(target, "POST", "/api/v1/patients", token,
                    "{\"displayName\": \"Load patient " + i + "\", \"timezone\": \"UTC\"}"), 201)));
        }
        Files.writeString(out.resolve("clinician"), username + ":" + password + "\n");
        Files.write(out.resolve("patients"), ids);
        System.out.println("setup: clinician " + username + ", " + ids.size() + " patients");
    }

    // -------------------------------------------------------------------------------------------------------------
    // load
    // -------------------------------------------------------------------------------------------------------------

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong acknowledgedCount = new AtomicLong();
    /** When the writers stop sending new requests: --seconds after the start, or when DIR/stop appears. */
    private volatile Instant end;
    private volatile boolean batchEndpoint;
    private volatile boolean idempotencyKey;

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    void load(List<String> targets, Path dir, int threads, int seconds, String mix) throws Exception {
        String token = clinicianToken(targets.get(0), dir);
        List<String> patients = Files.readAllLines(dir.resolve("patients"));
        if (mix.equals("instances")) {
            String contract = send(targets.get(0), "GET", "/q/openapi?format=json", null, null).body();
            batchEndpoint = contract.contains("/check-ins:batch");
            idempotencyKey = contract.contains("Idempotency-Key");
            System.out.println("load: contract has check-ins:batch " + batchEndpoint + ", Idempotency-Key "
                    + idempotencyKey);
        }
        Instant end = Instant.now().plusSeconds(seconds);
        Path stop = dir.resolve("stop");
        Thread progress = new Thread(() -> {
            // One line a second, for a script that waits for the load to be under way (crash.sh kills then).
            while (!Thread.currentThread().isInterrupted()) {
                System.out.println("progress acked=" + acknowledgedCount.get());
                sleep(1000);
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();
        Thread stopper = new Thread(() -> {
            while (!Files.exists(stop) && Instant.now().isBefore(this.end)) {
                sleep(200);
            }
            this.end = Instant.now();
        }, "stop-file");
        this.end = end;
        stopper.setDaemon(true);
        stopper.start();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread writer = new Thread(() -> writer(targets, token, patients, offset, mix), "writer-" + t);
            writer.start();
            writers.add(writer);
        }
        for (Thread w : writers) {
            w.join();
        }
        Files.write(dir.resolve("log"), log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("load: " + new TreeMap<>(counts));
    }

    /** One check-in whose answer has not come yet: sent again, unchanged, until one does. */
    record Pending(String id, String patient, String body) {
    }

    private void writer(List<String> targets, String token, List<String> patients, int offset, String mix) {
        Random random = new Random(offset);
        Deque<Pending> unanswered = new ArrayDeque<>();
        Deque<Pending> acknowledged = new ArrayDeque<>();
        long n = offset;
        while (Instant.now().isBefore(end) || !unanswered.isEmpty()) {
            if (Instant.now().isAfter(end.plusSeconds(120))) {
                unanswered.forEach(p -> count("never answered"));
                return;
            }
            String target = targets.get((int) (n++ % targets.size()));
            String other = targets.get((int) (n % targets.size()));
            try {
                if (!unanswered.isEmpty()) {
                    Pending p = unanswered.peekFirst();
                    checkIn(target, token, p, unanswered, acknowledged, "retry");
                    continue;
                }
                int roll = mix.equals("instances") ? random.nextInt(100) : 0;
                String patient = patients.get(random.nextInt(patients.size()));
                if (roll < 70 || (roll < 80 && acknowledged.isEmpty())) {
                    Pending p = newCheckIn(patient, random);
                    log.add("sent " + p.id() + " " + p.patient());
                    unanswered.addLast(p);
                    checkIn(target, token, p, unanswered, acknowledged, "new");
                } else if (roll < 80) {
                    retryElsewhere(other, token, acknowledged.peekLast());
                } else if (roll < 90) {
                    race(targets, token, newCheckIn(patient, random));
                } else if (roll < 95 || !(batchEndpoint || idempotencyKey)) {
                    phq9(target, token, patient, 1 + random.nextInt(3));
                } else if (batchEndpoint && (roll < 98 || !idempotencyKey)) {
                    batch(target, other, token, patient, random);
                } else {
                    keyed(target, other, token, patient, random);
                }
            } catch (IOException e) {
                count("no answer (" + e.getClass().getSimpleName() + ")");
                sleep(50); // the service is down; an offline phone would wait too
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void checkIn(String target, String token, Pending p, Deque<Pending> unanswered,
            Deque<Pending> acknowledged, String why) throws IOException, InterruptedException {
        HttpResponse<String> r = send(target, "POST", "/api/v1/patients/" + p.patient() + "/check-ins", token, p.body());
        count("check-in " + why + " " + r.statusCode());
        if (r.statusCode() >= 500) {
            sleep(200); // a server error says nothing of the check-in's fate: a phone tries again, and so do we
            return;
        }
        unanswered.remove(p); // a 2xx or 4xx answer settles the check-in
        if (r.statusCode() / 100 == 2) {
            acknowledgedCount.incrementAndGet();
            log.add("ack " + p.id() + " " + p.patient() + " " + r.statusCode());
            acknowledged.addLast(p);
            if (acknowledged.size() > 100) {
                acknowledged.removeFirst();
            }
        }
    }

    /** The same check-in (id and body) to the other instance: 200 with the stored record. */
    private void retryElsewhere(String other, String token, Pending p) throws IOException, InterruptedException {
        HttpResponse<String> r = send(other, "POST", "/api/v1/patients/" + p.patient() + "/check-ins", token, p.body());
        boolean same = r.statusCode() == 200 && p.id().equals(id(r.body()));
        count("retry on the other instance " + r.statusCode());
        log.add("retry " + p.id() + " " + r.statusCode() + " " + (same ? "same" : "different"));
    }

    /** One new check-in to every instance at the same moment: one 201, the others 200. */
    private void race(List<String> targets, String token, Pending p) throws IOException, InterruptedException {
        log.add("sent " + p.id() + " " + p.patient());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (String target : targets) {
            answers.add(http.sendAsync(request(target, "POST", "/api/v1/patients/" + p.patient() + "/check-ins", token,
                    p.body()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            try {
                statuses.add(a.join().statusCode());
            } catch (RuntimeException e) {
                statuses.add(0);
            }
        }
        Collections.sort(statuses);
        count("race " + statuses);
        log.add("race " + p.id() + " " + statuses.toString().replace(" ", ""));
        if (statuses.stream().anyMatch(s -> s / 100 == 2)) {
            log.add("ack " + p.id() + " " + p.patient() + " " + statuses.get(statuses.size() - 1));
        }
    }

    private void phq9(String target, String token, String patient, int item9) throws IOException, InterruptedException {
        String body = "{\"instrument\": \"phq9\", \"answers\": [0,0,0,0,0,0,0,0," + item9 + "], \"recordedAt\": \""
                + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS) + "\"}";
        HttpResponse<String> r = send(target, "POST", "/api/v1/patients/" + patient + "/questionnaire-responses",
                token, body);
        count("phq9 " + r.statusCode());
        log.add("phq9 " + patient + " " + r.statusCode());
    }

    /** HOOK: check-ins:batch of 5 new check-ins, then the same batch to the other instance: all duplicates. */
    private void batch(String target, String other, String token, String patient, Random random)
            throws IOException, InterruptedException {
        List<Pending> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(newCheckIn(patient, random));
        }
        String body = "{\"checkIns\": [" + String.join(",", items.stream().map(Pending::body).toList()) + "]}";
        items.forEach(p -> log.add("sent " + p.id() + " " + p.patient()));
        String path = "/api/v1/patients/" + patient + "/check-ins:batch";
        HttpResponse<String> first = send(target, "POST", path, token, body);
        count("batch " + first.statusCode());
        if (first.statusCode() / 100 != 2) {
            return;
        }
        for (Pending p : items) {
            log.add("ack " + p.id() + " " + p.patient() + " batch");
        }
        HttpResponse<String> again = send(other, "POST", path, token, body);
        List<String> outcomes = new ArrayList<>();
        Matcher m = STATUS.matcher(again.body());
        while (m.find()) {
            outcomes.add(m.group(1));
        }
        boolean allDuplicates = again.statusCode() / 100 == 2 && outcomes.size() == 5
                && outcomes.stream().allMatch("duplicate"::equals);
        count("batch again on the other instance " + (allDuplicates ? "all duplicate" : "NOT all duplicate"));
        log.add("batch " + items.get(0).id() + " " + again.statusCode() + " " + (allDuplicates ? "same" : "different"));
    }

    /** HOOK: a check-in without id under an Idempotency-Key, then the same key and body to the other instance. */
    private void keyed(String target, String other, String token, String patient, Random random)
            throws IOException, InterruptedException {
        String key = "load-" + UUID.randomUUID();
        String body = body("", random).replaceFirst("\"id\": \"\", ", "");
        String path = "/api/v1/patients/" + patient + "/check-ins";
        HttpResponse<String> first = http.send(request(target, "POST", path, token, body)
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        count("keyed " + first.statusCode());
        if (first.statusCode() / 100 != 2) {
            return;
        }
        String id = id(first.body());
        log.add("sent " + id + " " + patient);
        log.add("ack " + id + " " + patient + " keyed");
        HttpResponse<String> again = http.send(request(other, "POST", path, token, body)
                .header("Idempotency-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        boolean same = again.statusCode() / 100 == 2 && id.equals(id(again.body()));
        count("keyed again on the other instance " + again.statusCode() + (same ? " same" : " different"));
        log.add("keyed " + id + " " + again.statusCode() + " " + (same ? "same" : "different"));
    }

    private static String body(String id, Random random) {
        // recordedAt an hour ago: a real report, never in the future, whatever the clock does.
        return "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": %d, \"mood\": %d}}"
                .formatted(id, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS),
                        random.nextInt(11), random.nextInt(11));
    }

    private static Pending newCheckIn(String patient, Random random) {
        String id = UUID.randomUUID().toString();
        return new Pending(id, patient, body(id, random));
    }

    // -------------------------------------------------------------------------------------------------------------
    // verify
    // -------------------------------------------------------------------------------------------------------------

    boolean verify(List<String> targets, Path dir, String mix) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("log"));
        Set<String> sent = new HashSet<>();
        Map<String, String> acked = new LinkedHashMap<>();
        Map<String, Integer> phq9 = new HashMap<>();
        List<String> violations = new ArrayList<>();
        long retries = 0;
        long races = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
            case "sent" -> sent.add(f[1]);
            case "ack" -> acked.put(f[1], f[2]);
            case "phq9" -> {
                if (f[2].startsWith("2")) {
                    phq9.merge(f[1], 1, Integer::sum);
                }
            }
            case "retry", "batch", "keyed" -> {
                retries++;
                if (!f[3].equals("same")) {
                    violations.add(line + ": the other instance did not answer with the stored record");
                }
            }
            case "race" -> {
                races++;
                if (!f[2].matches("\\[200(,200)*,201\\]")) {
                    violations.add(line + ": a racing duplicate must be stored once (one 201, the others 200)");
                }
            }
            default -> violations.add("unreadable log line: " + line);
            }
        }
        Set<String> patients = new HashSet<>(Files.readAllLines(dir.resolve("patients")));
        Map<String, Set<String>> listedBy = new LinkedHashMap<>();
        long unacknowledgedButStored = 0;
        for (String target : targets) {
            String token = clinicianToken(target, dir);
            Map<String, Integer> listed = new HashMap<>();
            for (String patient : patients) {
                for (String id : listCheckIns(target, token, patient)) {
                    listed.merge(id, 1, Integer::sum);
                }
            }
            for (Map.Entry<String, String> a : acked.entrySet()) {
                int times = listed.getOrDefault(a.getKey(), 0);
                if (times != 1) {
                    violations.add(target + ": acknowledged check-in " + a.getKey() + " listed " + times + " times");
                }
            }
            for (Map.Entry<String, Integer> l : listed.entrySet()) {
                if (l.getValue() > 1) {
                    violations.add(target + ": check-in " + l.getKey() + " listed " + l.getValue() + " times");
                }
                if (!sent.contains(l.getKey())) {
                    violations.add(target + ": check-in " + l.getKey() + " was never sent");
                }
            }
            unacknowledgedButStored = listed.keySet().stream().filter(id -> !acked.containsKey(id)).count();
            listedBy.put(target, listed.keySet());
            if (mix.equals("instances")) {
                for (String patient : patients) {
                    checkAlert(target, token, patient, phq9.getOrDefault(patient, 0), violations);
                }
            }
        }
        if (new HashSet<>(listedBy.values()).size() > 1) {
            violations.add("the instances list different check-ins");
        }
        int stored = listedBy.values().iterator().next().size();
        System.out.printf("verify: sent %d, acknowledged %d, stored %d (of them never acknowledged to the client: %d),"
                + " cross-instance replays %d, races %d, acknowledged PHQ-9s %d, violations %d%n", sent.size(),
                acked.size(), stored, unacknowledgedButStored, retries, races,
                phq9.values().stream().mapToInt(i -> i).sum(), violations.size());
        System.out.println("RESULT sent=" + sent.size() + " acked=" + acked.size() + " stored=" + stored
                + " unacked_stored=" + unacknowledgedButStored + " violations=" + violations.size());
        violations.stream().limit(20).forEach(v -> System.out.println("VIOLATION " + v));
        return violations.isEmpty();
    }

    private List<String> listCheckIns(String target, String token, String patient) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/patients/" + patient + "/check-ins?limit=500"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, "UTF-8"));
            String page = expect(send(target, "GET", path, token, null), 200);
            Matcher m = ID.matcher(page);
            while (m.find()) {
                ids.add(m.group(1));
            }
            Matcher c = CURSOR.matcher(page);
            cursor = c.find() ? c.group(1) : null;
        } while (cursor != null);
        return ids;
    }

    /** One unresolved SELF_HARM_RISK alert per patient who sent one, counting every acknowledged PHQ-9. */
    private void checkAlert(String target, String token, String patient, int phq9s, List<String> violations)
            throws Exception {
        String page = expect(send(target, "GET", "/api/v1/patients/" + patient
                + "/alerts?rule=SELF_HARM_RISK&limit=500", token, null), 200);
        Matcher ids = ID.matcher(page);
        int alerts = 0;
        while (ids.find()) {
            alerts++;
        }
        Matcher triggers = TRIGGERS.matcher(page);
        int count = triggers.find() ? Integer.parseInt(triggers.group(1)) : 0;
        if (phq9s == 0 ? alerts != 0 : alerts != 1 || count != phq9s) {
            violations.add(target + ": patient " + patient + " has " + alerts + " SELF_HARM_RISK alerts (trigger count "
                    + count + ") after " + phq9s + " acknowledged PHQ-9s; expected one with that count");
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // HTTP
    // -------------------------------------------------------------------------------------------------------------

    private String clinicianToken(String target, Path dir) throws Exception {
        String[] c = Files.readString(dir.resolve("clinician")).trim().split(":", 2);
        return login(target, c[0], c[1]);
    }

    private String login(String target, String username, String password) throws Exception {
        String body = expect(send(target, "POST", "/api/v1/auth/token", null,
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}"), 200);
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no access token in " + body);
        }
        return m.group(1);
    }

    private HttpRequest.Builder request(String target, String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b;
    }

    private HttpResponse<String> send(String target, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return http.send(request(target, method, path, token, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode()
                    + " " + r.body());
        }
        return r.body();
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
