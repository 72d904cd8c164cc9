package com.infusionoutcomes.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * What smallrye-jwt accepts: RS256 only (so {@code alg: none} and HS256 are refused), our issuer and audience,
 * and either the built-in issuer's key or, in production, an OpenID Connect provider's JWKS.
 */
@ApplicationScoped
public class TokenVerification {

    @ConfigProperty(name = "infusion.auth.issuer")
    String issuer;

    @ConfigProperty(name = "infusion.auth.audience")
    String audience;

    @ConfigProperty(name = "infusion.auth.jwks-url")
    Optional<String> jwksUrl;

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(Instance<SigningKeys> keys) {
        JWTAuthContextInfo info = jwksUrl.isPresent()
                ? new JWTAuthContextInfo(jwksUrl.get(), issuer)
                : new JWTAuthContextInfo(keys.get().publicKey(), issuer);
        info.setExpectedAudience(Set.of(audience));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setExpGracePeriodSecs(0);
        // Our own tokens come from this clock; an external provider's clock may drift a little.
        info.setClockSkew(jwksUrl.isPresent() ? 30 : 0);
        info.setRequiredClaims(Set.of("sub", "exp", "iat", "groups"));
        return info;
    }
}
