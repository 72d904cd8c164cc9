package com.infusionoutcomes.json;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.infusionoutcomes.problem.Problem;
import com.infusionoutcomes.problem.Problem.FieldError;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.problem.ProblemMappers;

/**
 * Reads a request body in full before refusing any of it, so that a client (a phone form) hears of every mistake
 * in one answer. Jackson stops at the first value it cannot bind; here each property is bound on its own (wrong
 * JSON type, unknown enum constant, malformed date-time or UUID, unknown property), the properties that bound are
 * checked by Bean Validation (required, ranges, lengths), and the body's own rules ({@link SelfChecking}) run over
 * what is left. A later stage stays silent about a field an earlier one already named, so each mistake is
 * reported once, by the check that found it first.
 */
@ApplicationScoped
public class RequestBodies {

    /** Bodies of these records are walked property by property; any other type is bound as one value. */
    private static final String OWN_PACKAGE = "com.infusionoutcomes";

    private final ObjectMapper mapper;
    private final Validator validator;

    RequestBodies(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** A body read as far as it could be: its value (null when nothing could be bound) and every error found. */
    public record Reading<T>(T value, List<FieldError> errors, boolean wrongType) {

        /** The problem naming every error: malformed (400) if a value has the wrong JSON type, else invalid (422). */
        public ProblemException problem() {
            return wrongType ? ProblemException.wrongType(errors) : ProblemException.invalid(errors);
        }

        public T orThrow() {
            if (!errors.isEmpty()) {
                throw problem();
            }
            return value;
        }
    }

    static boolean isOwnRecord(Class<?> type) {
        return type.isRecord() && type.getPackageName().startsWith(OWN_PACKAGE);
    }

    /** Reads {@code body} as {@code type}; every pointer is under {@code prefix} (an item of a batch: /checkIns/3). */
    public <T> Reading<T> read(JsonNode body, Class<T> type, String prefix) {
        Findings found = new Findings();
        T value = bindWhole(body, type);
        if (value == null) {
            JsonNode bindable = walk(body, mapper.constructType(type), prefix, found);
            if (bindable != null) {
                try {
                    value = mapper.treeToValue(bindable, type);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    found.add(e, prefix, mapper.constructType(type));
                }
            }
        }
        if (value != null) {
            found.addUnlessNamed(ProblemMappers.fieldErrors(validator.validate(value), prefix));
            if (value instanceof SelfChecking checked) {
                found.addUnlessNamed(checked.ruleViolations().stream()
                        .map(e -> FieldError.at(prefix + e.pointer(), e.detail())).toList());
            }
        }
        return new Reading<>(found.errors.isEmpty() ? value : null, List.copyOf(found.errors), found.wrongType);
    }

    /**
     * The body bound in one go, or null when it does not bind as it is. The usual body binds, and then the walk
     * would find nothing: the same mapper refuses unknown properties and binds each value with the deserializer
     * the walk tries it with, so a body that binds whole has no property or value the walk would leave out. Only
     * a body that does not bind is walked, to name every mistake in it (a batch of 500 items is read twice over
     * otherwise).
     */
    private <T> T bindWhole(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            return null;
        }
        try {
            return mapper.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The part of {@code node} that binds to {@code type}: properties and values that do not are reported and
     * left out (an array keeps its indexes: a bad element becomes null), or null if nothing of it binds.
     */
    private JsonNode walk(JsonNode node, JavaType type, String pointer, Findings found) {
        Class<?> raw = type.getRawClass();
        if (node.isObject() && isOwnRecord(raw)) {
            Map<String, JavaType> properties = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                properties.put(component.getName(), mapper.constructType(component.getGenericType()));
            }
            ObjectNode kept = mapper.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                String at = pointer + "/" + ProblemMappers.escape(property.getKey());
                JavaType propertyType = properties.get(property.getKey());
                if (propertyType == null) {
                    found.add(FieldError.at(at, "unknown property; known properties are " + properties.keySet()),
                            false);
                    continue;
                }
                JsonNode value = walk(property.getValue(), propertyType, at, found);
                if (value != null) {
                    kept.set(property.getKey(), value);
                }
            }
            return kept;
        }
        if (node.isArray() && type.isCollectionLikeType()) {
            ArrayNode kept = mapper.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = walk(node.get(i), type.getContentType(), pointer + "/" + i, found);
                kept.add(value == null ? NullNode.getInstance() : value);
            }
            return kept;
        }
        try {
            mapper.readerFor(type).readValue(node);
            return node;
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a number the tree holds as a double too large for BigDecimal (1e400)
            found.add(e, pointer, type);
            return null;
        }
    }

    /** The errors found so far, and whether one of them is a value of the wrong JSON type. */
    private static final class Findings {
        final List<FieldError> errors = new ArrayList<>();
        boolean wrongType;

        void add(FieldError error, boolean ofWrongType) {
            errors.add(error);
            wrongType |= ofWrongType;
        }

        void add(Exception e, String pointer, JavaType target) {
            if (e instanceof JsonMappingException mapping) {
                String at = pointer + ProblemMappers.pointer(mapping.getPath());
                boolean ofWrongType = ProblemMappers.isWrongType(mapping);
                add(FieldError.at(at, ofWrongType ? "wrong JSON type: must be " + ProblemMappers.jsonType(target)
                        : ProblemMappers.describe(mapping)), ofWrongType);
            } else if (e instanceof InputCoercionException || e instanceof IllegalArgumentException) {
                add(FieldError.at(pointer, "is out of range"), false); // 2147483648 where an int belongs
            } else {
                add(FieldError.at(pointer, "wrong JSON type: must be " + ProblemMappers.jsonType(target)), true);
            }
        }

        /** Adds each error unless an earlier one names the same field, one inside it or the one it is in. */
        void addUnlessNamed(List<FieldError> later) {
            List<FieldError> earlier = List.copyOf(errors);
            for (FieldError e : later) {
                if (earlier.stream().noneMatch(known -> related(known.pointer(), e.pointer()))) {
                    errors.add(e);
                }
            }
        }

        private static boolean related(String a, String b) {
            return a.equals(b) || (!a.isEmpty() && b.startsWith(a + "/")) || (!b.isEmpty() && a.startsWith(b + "/"));
        }
    }
}
