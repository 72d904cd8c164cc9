package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.infusionoutcomes.checkin.Scores;

class TrendDomainTest {

    @Test
    void domainShouldBeFoundByItsLowercasePathOnly() {
        assertEquals(Optional.of(Domain.PAIN), Domain.fromPath("pain"));
        assertEquals(Optional.of(Domain.MOBILITY), Domain.fromPath("mobility"));
        assertEquals(Optional.empty(), Domain.fromPath("Pain"));
        assertEquals(Optional.empty(), Domain.fromPath("PAIN"));
        assertEquals(Optional.empty(), Domain.fromPath("pian"));
        assertEquals(Optional.empty(), Domain.fromPath(""));
        assertEquals(Optional.empty(), Domain.fromPath(null));
    }

    @Test
    void onlyPainShouldBeBetterWhenLower() {
        assertEquals(Direction.LOWER_IS_BETTER, Domain.PAIN.direction());
        assertEquals(Direction.HIGHER_IS_BETTER, Domain.SLEEP.direction());
        assertEquals(Direction.HIGHER_IS_BETTER, Domain.MOBILITY.direction());
        assertEquals(Direction.HIGHER_IS_BETTER, Domain.MOOD.direction());
    }

    @Test
    void domainShouldBeWrittenInLowercaseAndDirectionByName() throws JsonProcessingException {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"sleep\"", json.writeValueAsString(Domain.SLEEP));
        assertEquals(Domain.MOOD, json.readValue("\"mood\"", Domain.class));
        assertEquals("\"LOWER_IS_BETTER\"", json.writeValueAsString(Direction.LOWER_IS_BETTER));
    }

    @Test
    void domainShouldPickItsOwnScoreFromACheckIn() {
        Scores scores = new Scores(7, null, 4, 6);
        assertEquals(7, Domain.PAIN.scoreIn(scores));
        assertEquals(null, Domain.SLEEP.scoreIn(scores));
        assertEquals(4, Domain.MOBILITY.scoreIn(scores));
        assertEquals(6, Domain.MOOD.scoreIn(scores));
    }
}
