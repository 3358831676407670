package io.appgraph.ownership;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScimUserInputTests {

    @Test
    void thePrimaryEmailLowerCasedAndTheDisplayNameWin() throws BadRequestException {
        UserResource user = new UserResource().setUserName("ann.lee")
            .setName(new Name().setGivenName("Ann").setFamilyName("Lee"))
            .setEmails(new Email().setValue("ann@home.example").setType("home"),
                    new Email().setValue("Ann.Lee@Example.com").setType("work").setPrimary(true))
            .setDisplayName("Ann L.");

        ScimUserInput input = ScimUserInput.of(user);

        assertThat(input.handle()).isEqualTo("ann.lee");
        assertThat(input.email()).isEqualTo("ann.lee@example.com");
        assertThat(input.name()).isEqualTo("Ann L.");
        assertThat(input.givenName()).isEqualTo("Ann");
        assertThat(input.active()).isNull();
    }

    @Test
    void withoutADisplayNameTheNameIsGivenThenFamily() throws BadRequestException {
        UserResource user = new UserResource().setUserName("ann")
            .setName(new Name().setGivenName("Ann").setFamilyName("Lee"))
            .setEmails(new Email().setValue("a@example.com").setType("home"),
                    new Email().setValue("ann@example.com").setType("work"));

        ScimUserInput input = ScimUserInput.of(user);

        assertThat(input.name()).isEqualTo("Ann Lee");
        assertThat(input.email()).isEqualTo("ann@example.com");
    }

    @Test
    void userNameMustBeAHandle() {
        assertThatExceptionOfType(BadRequestException.class)
            .isThrownBy(() -> ScimUserInput.of(new UserResource().setUserName("ann lee")))
            .satisfies(ex -> assertThat(ex.getScimError().getScimType()).isEqualTo("invalidValue"));
        assertThatExceptionOfType(BadRequestException.class)
            .isThrownBy(() -> ScimUserInput.of(new UserResource().setUserName("a".repeat(65))));
        assertThatExceptionOfType(BadRequestException.class)
            .isThrownBy(() -> ScimUserInput.of(new UserResource().setDisplayName("Ann")))
            .withMessageContaining("userName is required");
        assertThatExceptionOfType(BadRequestException.class)
            .isThrownBy(() -> ScimUserInput.of(new UserResource().setUserName("ann")
                .setEmails(new Email().setValue("not-an-email").setPrimary(true))))
            .withMessageContaining("not an email address");
    }

}
