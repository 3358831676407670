package io.appgraph.ownership;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScimPatchesTests {

    @Test
    void entrasDottedAndUrnKeysBecomePaths() throws Exception {
        UserResource user = new UserResource().setUserName("ann").setName(new Name().setFamilyName("Lee"));
        user.setActive(true);

        UserResource patched = apply(user, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","value":{"name.givenName":"Ann","displayName":"Ann Lee","active":false,
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Payments"}}]}
                """);

        assertThat(patched.getName().getGivenName()).isEqualTo("Ann");
        assertThat(patched.getName().getFamilyName()).isEqualTo("Lee");
        assertThat(patched.getDisplayName()).isEqualTo("Ann Lee");
        assertThat(patched.getActive()).isFalse();
        assertThat(patched.getSchemaUrns())
            .doesNotContain("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
    }

    @Test
    void operationsKeepTheirOrder() throws Exception {
        UserResource user = new UserResource().setUserName("ann");

        UserResource patched = apply(user, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"replace","path":"displayName","value":"First"},
                  {"op":"replace","value":{"displayName":"Second","name.givenName":"Ann"}},
                  {"op":"replace","path":"active","value":true}]}
                """);

        assertThat(patched.getDisplayName()).isEqualTo("Second");
        assertThat(patched.getActive()).isTrue();
    }

    private static UserResource apply(UserResource user, String body) throws Exception {
        PatchRequest request = JsonUtils.getObjectReader().forType(PatchRequest.class).readValue(body);
        GenericScimResource resource = user.asGenericScimResource();
        ScimPatches.plain(request).apply(resource);
        return JsonUtils.nodeToValue(resource.getObjectNode(), UserResource.class);
    }

    @Test
    void plainRequestsPassUnchanged() throws Exception {
        PatchRequest request = JsonUtils.getObjectReader().forType(PatchRequest.class).readValue("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"replace","value":{"active":false}},{"op":"remove","path":"externalId"}]}
                """);

        assertThat(ScimPatches.plain(request)).isEqualTo(request);
    }

}
