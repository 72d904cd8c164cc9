package com.infusionoutcomes.questionnaire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import com.infusionoutcomes.checkin.CheckInContext;

/** One completed instrument; the score is computed once, when stored. */
@Entity
@Table(name = "questionnaire_response")
public class QuestionnaireResponse {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Convert(converter = InstrumentColumn.class)
    @Column(nullable = false)
    public Instrument instrument;

    @Enumerated(EnumType.STRING)
    public CheckInContext context;

    /** Item values in item order, comma-separated ("0,1,3"). */
    @Column(nullable = false)
    public String answers;

    @Column(nullable = false)
    public BigDecimal score;

    @Enumerated(EnumType.STRING)
    public SeverityBand band;

    @Column(name = "positive_screen")
    public Boolean positiveScreen;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public List<Integer> answerList() {
        return Arrays.stream(answers.split(",")).map(Integer::valueOf).toList();
    }

    static String join(List<Integer> answers) {
        return answers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** A retry of the same submission: everything the client sent is equal. */
    boolean sameSubmissionAs(QuestionnaireResponse other) {
        return patientId.equals(other.patientId) && instrument == other.instrument && context == other.context
                && Objects.equals(sessionId, other.sessionId) && recordedAt.equals(other.recordedAt)
                && answers.equals(other.answers);
    }

    @Converter
    public static class InstrumentColumn implements AttributeConverter<Instrument, String> {
        @Override
        public String convertToDatabaseColumn(Instrument instrument) {
            return instrument == null ? null : instrument.code();
        }

        @Override
        public Instrument convertToEntityAttribute(String code) {
            return code == null ? null : Instrument.fromCode(code).orElseThrow();
        }
    }
}
