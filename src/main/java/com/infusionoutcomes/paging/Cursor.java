package com.infusionoutcomes.paging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.infusionoutcomes.problem.ProblemException;

/**
 * The position after the last row of a page: the sort key and the id that breaks its ties. A sort key can be
 * patient data (a list of patients pages by name) and a cursor travels in URLs, into browser histories and
 * proxy logs: it is sealed with AES-GCM, so a client sees random bytes and cannot make up a position either.
 * Every instance seals with the key in the database ({@link CursorKey}), so a cursor pages on any of them.
 */
public record Cursor(String key, UUID id) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Until the service has read the shared key at start: a key of this process alone. */
    private static volatile SecretKey sealing = new SecretKeySpec(randomBytes(32), "AES");

    static void sealWith(byte[] key) {
        sealing = new SecretKeySpec(key, "AES");
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static Cursor after(Instant key, UUID id) {
        return new Cursor(key.toString(), id);
    }

    public static Cursor after(String key, UUID id) {
        return new Cursor(key, id);
    }

    public String encode() {
        byte[] raw = (id + "|" + key).getBytes(StandardCharsets.UTF_8);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = aes.doFinal(raw);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor's text, or an IllegalArgumentException when this service did not seal it. */
    private static String open(String cursor) {
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("too short");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, sealing,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(bytes, 0, NONCE_BYTES)));
            return new String(aes.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not sealed by this service", e);
        }
    }

    /** Null for an absent cursor; a 400 problem for one this service did not issue. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = open(cursor);
            if (raw.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("a forged cursor"); // its key is compared in the database
            }
            int bar = raw.indexOf('|');
            return new Cursor(raw.substring(bar + 1), UUID.fromString(raw.substring(0, bar)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
    }

    public Instant instantKey() {
        try {
            return Instant.parse(key);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter("cursor", "not a cursor issued by this API");
        }
    }
}
