package com.infusionoutcomes.system;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a JSON value is one the contract's schema allows: the subset of JSON Schema 2020-12 the contract uses
 * (type, enum, bounds, lengths, pattern, the uuid, date-time and date formats, items, required,
 * additionalProperties: false, and "X or null" written as oneOf). The test's oracle for "the contract forbids
 * this, so the service must refuse it".
 */
final class SchemaCheck {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // RFC 3339 section 5.6: a four-digit year, an offset, T and Z in either case.
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private SchemaCheck() {
    }

    static boolean isUuid(String text) {
        return UUID.matcher(text).matches();
    }

    /** Follows $ref to the schema (or parameter, or example) it names. */
    static JsonNode resolve(JsonNode contract, JsonNode node) {
        while (node != null && node.has("$ref")) {
            node = contract.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** The schema with $ref followed and "oneOf: [X, {type: null}]" read as X that may also be null. */
    static JsonNode effective(JsonNode contract, JsonNode schema) {
        schema = resolve(contract, schema);
        JsonNode choices = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
        if (choices == null) {
            return schema;
        }
        JsonNode other = null;
        boolean nullable = false;
        for (JsonNode choice : choices) {
            JsonNode c = resolve(contract, choice);
            if ("null".equals(c.path("type").asText())) {
                nullable = true;
            } else {
                other = c;
            }
        }
        if (choices.size() != 2 || !nullable || other == null) {
            return schema; // not a shape the contract uses; checked as "anything"
        }
        ObjectNode merged = other.deepCopy();
        merged.put("x-nullable", true);
        return merged;
    }

    static List<String> types(JsonNode schema) {
        List<String> types = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        if (schema.path("x-nullable").asBoolean()) {
            types.add("null");
        }
        return types;
    }

    /** Why the value breaks the schema (a pointer and a reason), or null when the schema allows it. */
    static String violation(JsonNode contract, JsonNode schema, JsonNode value, String at) {
        schema = effective(contract, schema);
        if (value == null || value.isMissingNode()) {
            return (at.isEmpty() ? "the body" : at) + " is missing";
        }
        List<String> types = types(schema);
        if (value.isNull()) {
            return types.contains("null") ? null : at + " is null";
        }
        if (schema.has("enum")) {
            for (JsonNode allowed : schema.get("enum")) {
                if (allowed.equals(value)) {
                    return null;
                }
            }
            return at + " is not one of " + schema.get("enum");
        }
        if (!types.isEmpty() && !types.contains(typeOf(value))
                && !("integer".equals(typeOf(value)) && types.contains("number"))) {
            return at + " is " + typeOf(value) + ", not " + types;
        }
        if (value.isNumber()) {
            return number(schema, value.decimalValue(), at);
        }
        if (value.isTextual()) {
            return string(schema, value.asText(), at);
        }
        if (value instanceof ArrayNode array) {
            if (schema.has("maxItems") && array.size() > schema.get("maxItems").asInt()) {
                return at + " has more than " + schema.get("maxItems") + " items";
            }
            if (schema.has("minItems") && array.size() < schema.get("minItems").asInt()) {
                return at + " has fewer than " + schema.get("minItems") + " items";
            }
            for (int i = 0; i < array.size() && schema.has("items"); i++) {
                String inner = violation(contract, schema.get("items"), array.get(i), at + "/" + i);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (value instanceof ObjectNode object) {
            for (JsonNode required : schema.path("required")) {
                if (!object.has(required.asText())) {
                    return at + "/" + required.asText() + " is missing";
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!properties.has(name)) {
                    if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true)) {
                        return at + "/" + name + " is not a property of the schema";
                    }
                    continue;
                }
                String inner = violation(contract, properties.get(name), object.get(name), at + "/" + name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String typeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isNumber()) {
            BigDecimal d = value.decimalValue();
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        return "null";
    }

    private static String number(JsonNode schema, BigDecimal v, String at) {
        if (schema.has("minimum") && v.compareTo(schema.get("minimum").decimalValue()) < 0) {
            return at + " is below its minimum";
        }
        if (schema.has("maximum") && v.compareTo(schema.get("maximum").decimalValue()) > 0) {
            return at + " is above its maximum";
        }
        if (schema.has("exclusiveMinimum") && v.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
            return at + " is not above its exclusive minimum";
        }
        if (schema.has("exclusiveMaximum") && v.compareTo(schema.get("exclusiveMaximum").decimalValue()) >= 0) {
            return at + " is not below its exclusive maximum";
        }
        return null;
    }

    private static String string(JsonNode schema, String s, String at) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            return at + " is longer than " + schema.get("maxLength");
        }
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            return at + " is shorter than " + schema.get("minLength");
        }
        // JSON Schema patterns are not anchored: the value must contain a match.
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
            return at + " does not match " + schema.get("pattern");
        }
        switch (schema.path("format").asText()) {
        case "uuid":
            return UUID.matcher(s).matches() ? null : at + " is not a UUID";
        case "date-time":
            try {
                if (DATE_TIME.matcher(s).matches()) {
                    OffsetDateTime.parse(s.toUpperCase(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    return null;
                }
            } catch (DateTimeParseException e) {
                // falls through
            }
            return at + " is not an RFC 3339 date-time";
        case "date":
            try {
                if (DATE.matcher(s).matches()) {
                    LocalDate.parse(s);
                    return null;
                }
            } catch (DateTimeParseException e) {
                // falls through
            }
            return at + " is not an RFC 3339 date";
        default:
            return null;
        }
    }
}
