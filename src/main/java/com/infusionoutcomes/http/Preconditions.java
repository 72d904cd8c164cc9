package com.infusionoutcomes.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.infusionoutcomes.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP (RFC 9110 section 13.1.1): a record's version is its strong ETag, {@code "3"},
 * and a change must carry {@code If-Match} with the version the client read. Without it the answer is 428; with
 * a version that is no longer current, 412 naming the current ETag. {@code *} matches any current version.
 * A weak tag ({@code W/"3"}) never matches: If-Match compares strongly.
 */
public final class Preconditions {

    public static final String IF_MATCH = "If-Match";

    /** One element of an If-Match list: a possibly weak quoted tag, or *. */
    private static final Pattern ELEMENT = Pattern.compile("\\s*(\\*|(W/)?\"([^\"]*)\")\\s*(,|$)");

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks If-Match against the current version; call it after the record was found (a record the caller may
     * not see is 404, whatever the precondition) and before the body's content is judged.
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "Send If-Match with the ETag of the version you changed, e.g. If-Match: \"" + currentVersion + "\"");
        }
        String current = Long.toString(currentVersion);
        Matcher m = ELEMENT.matcher(ifMatch);
        int at = 0;
        boolean matched = false;
        while (at < ifMatch.length()) {
            if (!m.find(at) || m.start() != at) {
                throw ProblemException.preconditionFailed("If-Match must be * or a list of quoted ETags such as \""
                        + currentVersion + "\"", etag(currentVersion));
            }
            matched |= "*".equals(m.group(1)) || (m.group(2) == null && current.equals(m.group(3)));
            at = m.end();
        }
        if (!matched) {
            throw ProblemException.preconditionFailed("The record was changed since you read it: the current version is "
                    + currentVersion + "; read it again and reapply your change", etag(currentVersion));
        }
    }
}
