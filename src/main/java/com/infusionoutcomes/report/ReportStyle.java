package com.infusionoutcomes.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The report's one style sheet, inlined, and the Content-Security-Policy that allows exactly it. The page loads
 * nothing and runs nothing: no script, font, image or connection is allowed, and the only style is the block
 * whose SHA-256 the policy names (so not even an injected style attribute applies). The policy is sent as a
 * header and repeated in a meta element, so a saved copy of the page is held to it too.
 *
 * @param css the style sheet, emitted verbatim (its hash must match byte for byte)
 * @param headerPolicy for the Content-Security-Policy header
 * @param documentPolicy for the meta element, which cannot carry frame-ancestors
 */
public record ReportStyle(String css, String headerPolicy, String documentPolicy) {

    public static final String CSS_RESOURCE = "report/patient-report.css";

    static final ReportStyle INSTANCE = load(CSS_RESOURCE);

    /**
     * Another printable page's style: the class-path style sheets given, one after the other (the patient report's
     * first, for the look every page shares), under the same policy.
     */
    public static ReportStyle load(String... cssResources) {
        StringBuilder css = new StringBuilder();
        for (String resource : cssResources) {
            try (InputStream in = ReportStyle.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing");
                }
                css.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(css.toString());
    }

    private static ReportStyle of(String css) {
        String document = "default-src 'none'; style-src 'sha256-" + sha256(css) + "'; img-src data:;"
                + " base-uri 'none'; form-action 'none'";
        return new ReportStyle(css, document + "; frame-ancestors 'none'", document);
    }

    /**
     * The CSP source that allows the report's style block, for a page that shows the report as a document of its
     * own: such a document (a blob: URL) inherits the opening page's policy, which must then allow this style.
     */
    public static String styleSource() {
        return "'sha256-" + sha256(INSTANCE.css) + "'";
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
