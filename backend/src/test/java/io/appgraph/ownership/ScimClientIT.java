package io.appgraph.ownership;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import io.appgraph.IntegrationTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SCIM endpoints driven by a real SCIM 2.0 client, UnboundID's {@code ScimService}
 * over Jersey (with Java's HttpClient): it reads our answers, errors included, as the RFC
 * has them.
 */
class ScimClientIT extends IntegrationTest {

    private Client http;

    private ScimService scim;

    @BeforeEach
    void connect() {
        this.http = ClientBuilder.newClient(new ClientConfig().connectorProvider(new JavaHttpConnector()));
        this.scim = service(SCIM_TOKEN);
    }

    @AfterEach
    void disconnect() {
        this.http.close();
    }

    @Test
    void aClientProvisionsSearchesChangesAndDeprovisions() throws ScimException {
        assertThat(this.scim.getServiceProviderConfig().getPatch().isSupported()).isTrue();
        assertThat(this.scim.getResourceTypes().getResources()).extracting(r -> r.getEndpoint().toString())
            .containsExactly("/Users");
        assertThat(this.scim.getSchemas().getResources()).extracting(s -> s.getId())
            .containsExactly("urn:ietf:params:scim:schemas:core:2.0:User");

        UserResource kim = new UserResource().setUserName("kim")
            .setName(new Name().setGivenName("Kim").setFamilyName("Park"))
            .setEmails(new Email().setValue("kim@example.com").setType("work").setPrimary(true))
            .setActive(true);
        UserResource created = this.scim.create("Users", kim);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getMeta().getLocation().getPath()).isEqualTo("/scim/v2/Users/" + created.getId());
        cypher("MATCH (p:Person {handle: 'kim'}) CREATE (:App {name: 'orders'})-[:HAS_OWNER]->(p)");

        ListResponse<UserResource> found = this.scim.searchRequest("Users")
            .filter(Filter.eq("userName", "kim"))
            .page(1, 10)
            .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources()).extracting(UserResource::getId).containsExactly(created.getId());

        UserResource deactivated = this.scim.modifyRequest("Users", created.getId())
            .replaceValue("active", false)
            .invoke(UserResource.class);
        assertThat(deactivated.getActive()).isFalse();
        assertThat(
                count("MATCH (:OwnershipAlert {status: 'OPEN', reason: 'OWNER_LEFT'})-[:FOR]->(:App {name: 'orders'}) "
                        + "RETURN count(*)"))
            .isEqualTo(1);

        deactivated.setDisplayName("Kim Park-Lee");
        deactivated.setActive(true);
        UserResource replaced = this.scim.replace(deactivated);
        assertThat(replaced.getDisplayName()).isEqualTo("Kim Park-Lee");
        assertThat(replaced.getActive()).isTrue();

        UserResource duplicate = new UserResource().setUserName("kim");
        assertThatExceptionOfType(ResourceConflictException.class)
            .isThrownBy(() -> this.scim.create("Users", duplicate))
            .satisfies(ex -> assertThat(ex.getScimError().getScimType()).isEqualTo("uniqueness"));
        assertThatExceptionOfType(BadRequestException.class)
            .isThrownBy(() -> this.scim.searchRequest("Users").filter("userName pr").invoke(UserResource.class))
            .satisfies(ex -> assertThat(ex.getScimError().getScimType()).isEqualTo("invalidFilter"));

        this.scim.delete("Users", created.getId());
        assertThatExceptionOfType(ResourceNotFoundException.class)
            .isThrownBy(() -> this.scim.retrieve("Users", created.getId(), UserResource.class));
        assertThat(count("MATCH (p:Person {handle: 'kim', active: false}) RETURN count(p)")).isEqualTo(1);
    }

    @Test
    void aClientWithTheWrongTokenIsUnauthorized() {
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> service("not-the-token").getServiceProviderConfig());
    }

    private ScimService service(String token) {
        ClientRequestFilter bearer = request -> request.getHeaders().putSingle("Authorization", "Bearer " + token);
        return new ScimService(this.http.target(baseUrl() + "/scim/v2").register(bearer));
    }

}
