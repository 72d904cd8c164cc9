package com.infusionoutcomes.patient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "patient")
public class Patient {

    @Id
    public UUID id;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "birth_year")
    public Integer birthYear;

    @Convert(converter = ConditionsColumn.class)
    @Column(nullable = false)
    public List<Condition> conditions = new ArrayList<>();

    @Column(nullable = false)
    public String timezone;

    @Column(name = "enrolled_at", nullable = false)
    public Instant enrolledAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    /** A handful of conditions per patient, never queried on their own: one comma-separated column. */
    static class ConditionsColumn implements AttributeConverter<List<Condition>, String> {
        @Override
        public String convertToDatabaseColumn(List<Condition> conditions) {
            return conditions == null ? "" : conditions.stream().map(Enum::name).collect(Collectors.joining(","));
        }

        @Override
        public List<Condition> convertToEntityAttribute(String column) {
            if (column == null || column.isBlank()) {
                return new ArrayList<>();
            }
            return Arrays.stream(column.split(",")).map(Condition::valueOf).collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
