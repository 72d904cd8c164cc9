package com.infusionoutcomes.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An OAuth 2.0-style token answer: a short-lived bearer access token and a one-time refresh token. */
@Schema(name = "TokenResponse")
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
}
