package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * The packaged jar (prod profile, management interface on) serves the contract where integrators look: at
 * /q/openapi on the API port, as written. Swagger UI is a development tool and is not part of it.
 */
class ContractServedIT {

    private final PackagedApp app = new PackagedApp();

    @Test
    void shouldServeTheContractOnTheApiPort() throws Exception {
        assumeTrue("h2".equals(System.getProperty("test.db-kind", "h2")), "the packaged jar is built for H2");
        assertTrue(Files.exists(PackagedApp.JAR), "package the application first");
        Path dataDir = Files.createTempDirectory("contract-served");
        int port = PackagedApp.freePort();
        String api = PackagedApp.base(port);
        Process running = app.start(List.of(), Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                "QUARKUS_MANAGEMENT_PORT", String.valueOf(PackagedApp.freePort()),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + dataDir.resolve("db") + PackagedApp.H2_OPTIONS,
                "INFUSION_AUTH_SIGNING_KEY", dataDir.resolve("signing-key.pem").toString()),
                dataDir.resolve("app.log"), port, Duration.ofSeconds(90));
        try {
            HttpResponse<String> yaml = get(api + "/q/openapi", "application/yaml");
            assertEquals(200, yaml.statusCode(), "the contract on the API port");
            assertEquals(tree(Files.readString(Path.of("openapi/openapi.yaml"))), tree(yaml.body()),
                    "served as written");
            HttpResponse<String> json = get(api + "/q/openapi?format=json", "application/json");
            assertEquals(200, json.statusCode());
            assertTrue(json.body().contains("\"openapi\""), json.body());
            assertEquals(404, get(api + "/q/swagger-ui/", "text/html").statusCode(), "Swagger UI is dev-only");
        } finally {
            running.destroy();
            running.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The document as swagger-parser reads it, so formatting (quotes, folding, key order) does not count. */
    private static JsonNode tree(String document) {
        return Yaml31.mapper().valueToTree(new OpenAPIV3Parser().readContents(document).getOpenAPI());
    }

    private HttpResponse<String> get(String url, String accept) throws Exception {
        return app.http().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
