package com.infusionoutcomes.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.infusionoutcomes.problem.ProblemException;

import io.quarkus.elytron.security.common.BcryptUtil;

/** bcrypt hashing, the password rule, and one spelling of usernames. */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 72; // bcrypt ignores bytes beyond 72
    private static final int COST = 10;

    /** Compared against when the username is unknown, so an unknown user costs the same time as a wrong password. */
    private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-never-issued", COST);

    private Passwords() {
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public static boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash == null ? DECOY : hash);
    }

    public static String normaliseUsername(String username) {
        return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The rule for a new password beyond its length (NIST SP 800-63B): not one of the most common passwords,
     * whatever its case, and not built on the account's own username. Answers 422 at the field's pointer.
     */
    public static void requireAcceptable(String pointer, String password, String username) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (Common.PASSWORDS.contains(lower)) {
            throw ProblemException.invalid(pointer, "is one of the most commonly used passwords; choose another");
        }
        String name = normaliseUsername(username);
        if (name != null && name.length() >= 3 && lower.contains(name)) {
            throw ProblemException.invalid(pointer, "must not contain the username");
        }
    }

    /** Loaded on first use: about 49,000 entries. */
    private static final class Common {
        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            Set<String> passwords = new HashSet<>();
            try (InputStream in = Passwords.class.getResourceAsStream("/common-passwords.txt")) {
                if (in == null) {
                    throw new IllegalStateException("common-passwords.txt is missing from the application");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        passwords.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(passwords);
        }
    }
}
