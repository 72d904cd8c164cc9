package com.infusionoutcomes.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** JSON stays the answer unless a client asks for CSV more strongly. */
class NegotiationTest {

    private static boolean csv(String accept) {
        return Negotiation.prefers(accept, "text/csv", "application/json");
    }

    @Test
    void shouldKeepJsonForClientsThatTakeAnything() {
        assertFalse(csv(null));
        assertFalse(csv(""));
        assertFalse(csv("*/*"));
        assertFalse(csv("application/json"));
        assertFalse(csv("application/json, text/csv"), "a tie goes to the default");
        assertFalse(csv("text/csv;q=0.5, application/json"));
        assertFalse(csv("text/csv;q=0, */*"));
        assertFalse(csv("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), "a browser");
    }

    @Test
    void shouldChooseCsvWhenItIsAskedForMoreStrongly() {
        assertTrue(csv("text/csv"));
        assertTrue(csv("TEXT/CSV; charset=utf-8"));
        assertTrue(csv("text/csv, */*"), "named exactly beats a wildcard at the same q");
        assertTrue(csv("text/*, application/json;q=0.9"));
        assertTrue(csv("application/json;q=0.4, text/csv;q=0.6"));
        assertTrue(csv("text/csv, application/json;q=bogus"));
    }
}
