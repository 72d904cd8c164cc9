package com.infusionoutcomes.json;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

import com.infusionoutcomes.problem.ProblemMappers;

/**
 * Clinical data must arrive as the client meant it: Jackson's lenient defaults would store "7" as 7, 7.5 as 7,
 * 2 as the third enum constant, " MILD" as MILD, 24 characters of base64 as a UUID, the year +10000, a NUL
 * character in text and the later of two duplicate keys. Each of those is refused here instead.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // 70 kg, not 7E+1: clinicians and integrators read these numbers as written.
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // Registered first so the framework's later registration is a no-op and cannot shadow ours.
        mapper.registerModule(new JavaTimeModule());
        SimpleModule strict = new SimpleModule("strict-values")
                .addDeserializer(OffsetDateTime.class, new OffsetDateTimeWithOffset())
                .addDeserializer(UUID.class, new CanonicalUuid())
                .addDeserializer(String.class, new TextWithoutNul());
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactEnum(deserializer);
            }
        });
        mapper.registerModule(strict);
    }

    /**
     * RFC 3339 (the contract's date-time format): a four-digit year and an offset. ISO-8601 also allows years
     * such as +10000 or -999999999, which no clinic means and not every database can store.
     */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Only the 36-character form: Jackson would also read 24 characters of base64 as a UUID. */
    static final class CanonicalUuid extends StdDeserializer<UUID> {

        CanonicalUuid() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            String text = p.getText();
            if (!CANONICAL_UUID.matcher(text).matches()) {
                throw ctxt.weirdStringException(text, UUID.class, "must be a UUID");
            }
            return UUID.fromString(text);
        }
    }

    /**
     * Text without the NUL character (U+0000): no clinical text contains it, and PostgreSQL cannot store it in a
     * text column, so it would otherwise fail the write with a server error.
     */
    static final class TextWithoutNul extends StdDeserializer<String> {

        TextWithoutNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw ctxt.weirdStringException(text, String.class, ProblemMappers.NUL);
            }
            return text;
        }
    }

    /** An enum constant exactly as written: Jackson would otherwise accept " MILD" by trimming it. */
    static final class ExactEnum extends DelegatingDeserializer {

        ExactEnum(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ExactEnum(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && !p.getText().equals(p.getText().strip())) {
                return ctxt.handleWeirdStringValue(handledType(), p.getText(), "surrounded by white space");
            }
            return super.deserialize(p, ctxt);
        }
    }

    private static final int[] NANOS_PER_DIGIT = { 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1 };

    /**
     * A date-time that matches {@link #RFC_3339}, read as {@code OffsetDateTime.parse(text,
     * ISO_OFFSET_DATE_TIME)} reads it (strictly: no February 30, no hour 24, no second 60, offsets within 18
     * hours), from the fixed positions the pattern guarantees: the general formatter cost more than a whole
     * check-in's other values (a batch reads 500 of them).
     */
    static OffsetDateTime rfc3339(String text) {
        try {
            int at = 19;
            int nanos = 0;
            if (text.charAt(at) == '.') {
                int first = ++at;
                while (text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                    at++;
                }
                nanos = Integer.parseInt(text, first, at, 10) * NANOS_PER_DIGIT[at - first - 1];
            }
            ZoneOffset offset = ZoneOffset.UTC;
            if (text.charAt(at) != 'Z') {
                int sign = text.charAt(at) == '-' ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * digits(text, at + 1, at + 3),
                        sign * digits(text, at + 4, at + 6));
            }
            return OffsetDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                    digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), nanos, offset);
        } catch (DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), text, 0, e);
        }
    }

    private static int digits(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    /** Date-times are ISO-8601 strings with an offset; an epoch number is the wrong type, a local time is invalid. */
    static final class OffsetDateTimeWithOffset extends StdDeserializer<OffsetDateTime> {

        OffsetDateTimeWithOffset() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
            }
            String text = p.getText().trim();
            try {
                if (!RFC_3339.matcher(text).matches()) {
                    throw new DateTimeParseException("not RFC 3339", text, 0);
                }
                return rfc3339(text);
            } catch (DateTimeParseException e) {
                throw ctxt.weirdStringException(text, OffsetDateTime.class,
                        "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T08:30:00+01:00");
            }
        }
    }
}
