package com.infusionoutcomes.audit;

import jakarta.enterprise.context.ApplicationScoped;

import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Who sent a refused request. A request refused before authentication ran (an unknown path, a body too large)
 * or because its token expired still names its sender when the token's signature, issuer and audience are ours:
 * the audit trail keeps that actor. A token that fails any of those names no one.
 */
@ApplicationScoped
class TokenActor {

    private static final String BEARER = "Bearer ";
    /** Beyond the longest a session can be refreshed, an expired token is too old to matter. */
    private static final int EXPIRED_FOR_AT_MOST_SECONDS = 31 * 24 * 3600;

    private final JWTParser parser;
    private final JWTAuthContextInfo expiredAccepted;

    TokenActor(JWTParser parser, JWTAuthContextInfo verification) {
        this.parser = parser;
        this.expiredAccepted = new JWTAuthContextInfo(verification);
        this.expiredAccepted.setExpGracePeriodSecs(EXPIRED_FOR_AT_MOST_SECONDS);
    }

    /** The actor of a bearer token in this Authorization header whose signature holds, else null. */
    Actor of(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        try {
            return Caller.of(parser.parse(authorization.substring(BEARER.length()).trim(), expiredAccepted));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
