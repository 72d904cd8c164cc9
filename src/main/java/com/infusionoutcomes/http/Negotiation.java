package com.infusionoutcomes.http;

import java.util.Locale;

/**
 * Chooses between two representations of one resource from the Accept header. JAX-RS would pick between two
 * methods itself, but RESTEasy Reactive ignores server-side quality (qs), so a client that accepts anything
 * (curl's and most HTTP libraries' default {@code *}{@code /*}) could get either. Here the default stays the
 * default: the alternative is chosen only when the client asks for it more strongly, by a higher q or, at equal
 * q, by naming it exactly where the default is only reached by a wildcard.
 */
public final class Negotiation {

    private Negotiation() {
    }

    /** True when {@code accept} prefers {@code alternative} (e.g. text/csv) to {@code fallback} (application/json). */
    public static boolean prefers(String accept, String alternative, String fallback) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        Match wanted = best(accept, alternative);
        Match usual = best(accept, fallback);
        if (wanted.q() != usual.q()) {
            return wanted.q() > usual.q();
        }
        return wanted.q() > 0 && wanted.specificity() > usual.specificity();
    }

    /** The q and specificity (2 exact, 1 type/*, 0 *}{@code /*) of the most specific range that matches. */
    private record Match(double q, int specificity) {
    }

    private static Match best(String accept, String mediaType) {
        String[] wanted = mediaType.toLowerCase(Locale.ROOT).split("/");
        Match best = new Match(0, -1);
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String[] type = parts[0].trim().toLowerCase(Locale.ROOT).split("/");
            if (type.length != 2) {
                continue;
            }
            int specificity = type[0].equals("*") ? 0 : type[1].equals("*") ? 1 : 2;
            boolean matches = specificity == 0 || (type[0].equals(wanted[0])
                    && (specificity == 1 || type[1].equals(wanted[1])));
            if (matches && specificity > best.specificity()) {
                best = new Match(q(parts), specificity);
            }
        }
        return best;
    }

    private static double q(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
                try {
                    return Double.parseDouble(parameter[1].trim());
                } catch (NumberFormatException e) {
                    return 0; // a malformed weight accepts nothing rather than everything
                }
            }
        }
        return 1;
    }
}
