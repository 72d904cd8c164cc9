package com.infusionoutcomes.http;

import java.util.regex.Pattern;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps identifiers out of metrics. HTTP metrics are tagged with the route template
 * ({@code /api/v1/patients/{patientId}}), but a request refused before its route was matched carries its raw path;
 * any UUID left in a {@code uri} tag is replaced here, so no patient, session or check-in id is ever exported
 * (and the number of series stays bounded).
 */
public class MetricTags {

    public static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Produces
    @Singleton
    MeterFilter withoutIdentifiers() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (uri == null || !UUID.matcher(uri).find()) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream()
                        .map(t -> "uri".equals(t.getKey()) ? Tag.of("uri", UUID.matcher(uri).replaceAll("{id}")) : t)
                        .toList());
            }
        };
    }
}
