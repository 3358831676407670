package io.appgraph.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.appgraph.platform.security.AppgraphSecurityProperties.Oidc;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The OpenID Connect issuer appgraph trusts. Its endpoints and keys are read from its
 * discovery document when first needed, not at start-up, so appgraph starts (and answers
 * its health checks) while the issuer is briefly unreachable. A half-configured issuer is
 * refused at start-up with the names of the missing properties.
 */
final class OidcIssuer {

    private final Oidc oidc;

    private final Supplier<ClientRegistration> registration;

    OidcIssuer(Oidc oidc) {
        List<String> missing = oidc.missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(("appgraph.security.mode is oidc, but %s %s not set. Set %s, or use "
                    + "appgraph.security.mode=local (no login, loopback interface only).")
                .formatted(String.join(" and ", missing), missing.size() == 1 ? "is" : "are",
                        missing.size() == 1 ? "it" : "them"));
        }
        this.oidc = oidc;
        this.registration = SingletonSupplier.of(this::discoverRegistration);
    }

    /**
     * Checks bearer tokens: this issuer's signature and {@code iss}, not expired, the
     * audience if set.
     */
    JwtDecoder jwtDecoder() {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(this.oidc.issuerUri()).build();
            List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
            validators.add(JwtValidators.createDefaultWithIssuer(this.oidc.issuerUri()));
            if (StringUtils.hasText(this.oidc.audience())) {
                validators.add(audience(this.oidc.audience()));
            }
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
            return decoder;
        });
    }

    /** The portal's client at the issuer, discovered on first use. */
    ClientRegistrationRepository clientRegistrations() {
        return id -> SecurityConfiguration.REGISTRATION.equals(id) ? this.registration.get() : null;
    }

    private ClientRegistration discoverRegistration() {
        boolean confidential = StringUtils.hasText(this.oidc.clientSecret());
        return ClientRegistrations.fromIssuerLocation(this.oidc.issuerUri())
            .registrationId(SecurityConfiguration.REGISTRATION)
            .clientId(this.oidc.clientId())
            .clientSecret(confidential ? this.oidc.clientSecret() : null)
            .clientAuthenticationMethod(
                    confidential ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.NONE)
            .scope(this.oidc.scopes())
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .build();
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error wrongAudience = new OAuth2Error("invalid_token",
                "The token is not meant for appgraph: its audience does not include " + audience, null);
        return jwt -> (jwt.getAudience() != null && jwt.getAudience().contains(audience))
                ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(wrongAudience);
    }

}
