package com.infusionoutcomes.json;

import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.infusionoutcomes.problem.ProblemException;

/**
 * RFC 7386 JSON merge patch over a request record: the current state is rendered as the record, the patch is
 * merged into it, and the result is read back as a create's body is read ({@link RequestBodies}: the same strict
 * rules and constraints, every mistake at once), so a patch can never store what a create would refuse.
 */
@ApplicationScoped
public class JsonMergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final ObjectMapper mapper;
    private final RequestBodies bodies;

    JsonMergePatch(ObjectMapper mapper, RequestBodies bodies) {
        this.mapper = mapper;
        this.bodies = bodies;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("", "a merge patch must be a JSON object");
        }
        JsonNode merged = merge(mapper.valueToTree(current), patch);
        return bodies.read(merged, type, "").orThrow();
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

}
