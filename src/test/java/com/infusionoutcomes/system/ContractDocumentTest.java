package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import io.swagger.v3.core.util.Yaml31;

/**
 * What the contract promises a client on its own, before any code runs: every example is an instance of the
 * schema it illustrates (a generated client or a mock server built from the examples would otherwise be wrong),
 * and the response headers a client acts on are declared wherever the service sends them.
 */
class ContractDocumentTest {

    private static final Path CONTRACT = Path.of("openapi/openapi.yaml");
    private static final String DOCUMENT = "https://infusion-outcomes.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keywords of a schema whose values are schemas (or maps or lists of them) in which examples may sit. */
    private static final Set<String> SUBSCHEMAS = Set.of("properties", "patternProperties", "items", "prefixItems",
            "additionalProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$defs");

    private static JsonNode contract;

    @BeforeAll
    static void readContract() throws IOException {
        contract = Yaml31.mapper().readTree(Files.readString(CONTRACT));
    }

    /** One example and the schema it claims to be an instance of. */
    private record Example(String where, JsonNode value, JsonNode schema) {
    }

    @Test
    void shouldMatchEveryExampleToItsSchema() throws IOException {
        List<Example> examples = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        collect(contract, "", false, examples, used);
        assertTrue(examples.size() > 50, "too few examples found: " + examples.size());
        Set<String> declared = new TreeSet<>();
        contract.path("components").path("examples").fieldNames().forEachRemaining(declared::add);
        assertEquals(declared, used, "every example component is used, so none goes unchecked");

        // The schemas go into one copy of the document, each under $defs, so their $refs into
        // #/components/schemas resolve as in the contract.
        ObjectNode document = JSON.createObjectNode();
        document.set("components", contract.get("components"));
        ObjectNode defs = document.putObject("$defs");
        for (int i = 0; i < examples.size(); i++) {
            defs.set("example" + i, examples.get(i).schema());
        }
        String text = JSON.writeValueAsString(document);
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .keyword(new NonValidationKeyword("components")).build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, text))));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, String> invalid = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(DOCUMENT + "#/$defs/example" + i), config);
            Set<ValidationMessage> errors = schema.validate(examples.get(i).value());
            if (!errors.isEmpty()) {
                invalid.put(examples.get(i).where(), errors.toString());
            }
        }
        assertEquals(Map.of(), invalid, "examples that do not match their schema");
    }

    /**
     * Walks the document: a parameter, header or media type pairs its {@code example}/{@code examples} with its
     * {@code schema}; a schema (and every schema inside it) pairs its own {@code example}/{@code examples}
     * with itself.
     */
    private static void collect(JsonNode node, String at, boolean isSchema, List<Example> out, Set<String> used) {
        if (!node.isObject()) {
            if (node.isArray() && !isSchema) {
                for (int i = 0; i < node.size(); i++) {
                    collect(node.get(i), at + "/" + i, false, out, used);
                }
            }
            return;
        }
        if (isSchema) {
            if (node.has("example")) {
                out.add(new Example(at + "/example", node.get("example"), node));
            }
            node.path("examples").forEach(e -> out.add(new Example(at + "/examples", e, node)));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!SUBSCHEMAS.contains(field.getKey())) {
                    continue;
                }
                JsonNode value = field.getValue();
                String inner = at + "/" + escape(field.getKey());
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        collect(value.get(i), inner + "/" + i, true, out, used);
                    }
                } else if (Set.of("properties", "patternProperties", "$defs").contains(field.getKey())) {
                    value.fields().forEachRemaining(p -> collect(p.getValue(), inner + "/" + escape(p.getKey()),
                            true, out, used));
                } else {
                    collect(value, inner, true, out, used);
                }
            }
            return;
        }
        if (node.has("schema")) {
            JsonNode schema = node.get("schema");
            if (node.has("example")) {
                out.add(new Example(at + "/example", node.get("example"), schema));
            }
            node.path("examples").fields().forEachRemaining(e -> {
                JsonNode example = e.getValue();
                String ref = example.path("$ref").asText(null);
                if (ref != null) {
                    String name = ref.substring(ref.lastIndexOf('/') + 1);
                    used.add(name);
                    example = contract.path("components").path("examples").path(name);
                }
                assertFalse(example.has("externalValue"), at + ": an external example cannot be checked");
                assertTrue(example.has("value"), at + "/examples/" + e.getKey() + " has no value");
                out.add(new Example(at + "/examples/" + e.getKey(), example.get("value"), schema));
            });
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String inner = at + "/" + escape(key);
            if (key.equals("example") || key.equals("examples")) {
                continue; // values, not parts of the document
            } else if (key.equals("schema")) {
                collect(field.getValue(), inner, true, out, used);
            } else if (at.equals("/components/schemas")) {
                collect(field.getValue(), inner, true, out, used);
            } else {
                collect(field.getValue(), inner, false, out, used);
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Headers a client acts on, declared where the service sends them: Idempotent-Replayed on every 2xx of an
     * operation that takes an Idempotency-Key (the replayed answer is a 2xx); Location on every 201 of a
     * record with a URL of its own; ETag on every answer that carries one versioned record (check-ins and
     * infusion sessions) and on 412; Retry-After on every 429.
     */
    @Test
    void shouldDeclareTheHeadersClientsActOn() {
        // 201s whose body has no URL of its own: an enrollment or password-reset code is shown once, a care team
        // is a list.
        Set<String> createdWithoutUrl = Set.of("createEnrollmentCode", "addCareTeamMember", "createPasswordResetCode",
                "createPatientPasswordResetCode");
        Set<String> versioned = Set.of("#/components/schemas/CheckIn", "#/components/schemas/InfusionSession");
        List<String> missing = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!op.getValue().has("responses")) {
                return; // path-level parameters
            }
            String id = op.getValue().path("operationId").asText();
            boolean replayable = false;
            for (JsonNode parameter : op.getValue().path("parameters")) {
                replayable |= parameter.path("$ref").asText().endsWith("/IdempotencyKey");
            }
            boolean finalReplayable = replayable;
            op.getValue().path("responses").fields().forEachRemaining(r -> {
                String status = r.getKey();
                JsonNode response = resolve(r.getValue());
                JsonNode headers = response.path("headers");
                String where = id + " " + status;
                if (finalReplayable && status.startsWith("2") && !headers.has("Idempotent-Replayed")) {
                    missing.add(where + " Idempotent-Replayed");
                }
                if (status.equals("201") && !createdWithoutUrl.contains(id) && !headers.has("Location")) {
                    missing.add(where + " Location");
                }
                boolean oneRecord = status.startsWith("2") && versioned.contains(
                        response.path("content").path("application/json").path("schema").path("$ref").asText());
                if ((oneRecord || status.equals("412")) && !headers.has("ETag")) {
                    missing.add(where + " ETag");
                }
                if (status.equals("429") && !headers.has("Retry-After")) {
                    missing.add(where + " Retry-After");
                }
            });
        }));
        assertEquals(List.of(), missing, "undeclared response headers");
    }

    private static JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asText(null);
        return ref == null ? response
                : contract.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
