package com.infusionoutcomes.account;

import java.util.Locale;

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
}
