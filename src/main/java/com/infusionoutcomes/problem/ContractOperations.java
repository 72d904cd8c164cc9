package com.infusionoutcomes.problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The operations at a path, the media types each accepts and produces, as the contract (openapi/openapi.yaml,
 * which OpenApiContractTest holds to the code) declares them. The framework refuses a request with 405, 415 or
 * 406 before any resource method is chosen, so this is where the answer learns which methods or types to name.
 */
final class ContractOperations {

    private record Operation(Pattern path, String method, Set<String> accepts, Set<String> produces) {
    }

    private static final List<Operation> OPERATIONS = load();

    private ContractOperations() {
    }

    /** The request body types of the operation at {@code path} with this method. */
    static Set<String> accepted(String method, String path) {
        return collect(method, path, true);
    }

    /** The types the operations at {@code path} with this method answer with on success. */
    static Set<String> produced(String method, String path) {
        return collect(method, path, false);
    }

    /** The methods the path answers (the Allow header of a 405); HEAD wherever GET is. */
    static Set<String> allowed(String path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Operation op : OPERATIONS) {
            if (op.path().matcher(path).matches()) {
                methods.add(op.method());
                if (op.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return methods;
    }

    private static Set<String> collect(String method, String path, boolean accepts) {
        Set<String> types = new LinkedHashSet<>();
        for (Operation op : OPERATIONS) {
            if (op.method().equalsIgnoreCase(method) && op.path().matcher(path).matches()) {
                types.addAll(accepts ? op.accepts() : op.produces());
            }
        }
        return types;
    }

    private static List<Operation> load() {
        try (InputStream in = ContractOperations.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            if (in == null) {
                return List.of();
            }
            List<Operation> operations = new ArrayList<>();
            JsonNode contract = new YAMLMapper().readTree(in);
            JsonNode paths = contract.path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
                Map.Entry<String, JsonNode> path = p.next();
                Pattern template = template(path.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext();) {
                    Map.Entry<String, JsonNode> method = m.next();
                    JsonNode op = method.getValue();
                    if (!op.has("responses")) {
                        continue; // parameters shared by the path's operations
                    }
                    Set<String> produces = new LinkedHashSet<>();
                    op.get("responses").fields().forEachRemaining(r -> {
                        if (r.getKey().startsWith("2")) {
                            resolve(contract, r.getValue()).path("content").fieldNames()
                                    .forEachRemaining(produces::add);
                        }
                    });
                    Set<String> accepts = new LinkedHashSet<>();
                    resolve(contract, op.path("requestBody")).path("content").fieldNames()
                            .forEachRemaining(accepts::add);
                    operations.add(new Operation(template, method.getKey().toUpperCase(Locale.ROOT), accepts,
                            produces));
                }
            }
            return List.copyOf(operations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node a local {@code $ref} (#/components/...) points at, or the node itself. */
    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? contract.at(ref.substring(1)) : node;
    }

    /** /api/v1/patients/{patientId} matches any one segment where the template has a parameter. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
