package io.appgraph.ownership;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScimUserFilterTests {

    @Test
    void theLookupsIdentityProvidersSend() throws BadRequestException {
        assertThat(ScimUserFilter.parse("userName eq \"ann\"")).isEqualTo(new ScimUserFilter("ann", null, null, null));
        assertThat(ScimUserFilter.parse("UserName EQ \"ann\"").handle()).isEqualTo("ann");
        assertThat(ScimUserFilter.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"ann\"").handle())
            .isEqualTo("ann");
        assertThat(ScimUserFilter.parse("emails.value eq \"Ann@Example.com\"").email()).isEqualTo("ann@example.com");
        assertThat(ScimUserFilter.parse("emails[value eq \"ann@example.com\"]").email()).isEqualTo("ann@example.com");
        assertThat(ScimUserFilter.parse("externalId eq \"00u1\"").externalId()).isEqualTo("00u1");
        assertThat(ScimUserFilter.parse("id eq \"42\"").id()).isEqualTo("42");
        assertThat(ScimUserFilter.parse(null)).isEqualTo(ScimUserFilter.EVERYONE);
    }

    @Test
    void anythingElseIsAnInvalidFilter() {
        for (String filter : new String[] { "userName sw \"a\"", "userName eq \"a\" and active eq true",
                "not (userName eq \"a\")", "displayName eq \"Ann\"", "userName eq 42", "emails[type eq \"work\"]",
                "userName eq \"unclosed" }) {
            assertThatExceptionOfType(BadRequestException.class).as(filter)
                .isThrownBy(() -> ScimUserFilter.parse(filter))
                .satisfies(ex -> assertThat(ex.getScimError().getScimType()).isEqualTo("invalidFilter"));
        }
    }

}
