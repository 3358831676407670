package io.appgraph.ownership;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ScimAccessTests {

    @Test
    void withoutATokenConfiguredScimIsNotThere() throws Exception {
        for (String token : new String[] { null, "", "  " }) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            boolean passed = new ScimAccess(new ScimProperties(token, 200)).preHandle(request("Bearer " + token),
                    response, new Object());

            assertThat(passed).isFalse();
            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(response.getContentType()).isEqualTo("application/scim+json");
            assertThat(response.getContentAsString()).contains("urn:ietf:params:scim:api:messages:2.0:Error")
                .contains("appgraph.scim.token is not set");
        }
    }

    @Test
    void onlyTheConfiguredBearerTokenPassesAndNoAnswerEchoesIt() throws Exception {
        ScimAccess access = new ScimAccess(new ScimProperties("s3cret-token", 200));

        assertThat(access.preHandle(request("Bearer s3cret-token"), new MockHttpServletResponse(), new Object()))
            .isTrue();
        assertThat(access.preHandle(request("bearer s3cret-token"), new MockHttpServletResponse(), new Object()))
            .isTrue();
        for (String header : new String[] { null, "s3cret-token", "Basic czNjcmV0LXRva2Vu", "Bearer s3cret",
                "Bearer s3cret-token2" }) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            assertThat(access.preHandle(request(header), response, new Object())).isFalse();
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.getContentAsString()).contains("\"status\":\"401\"").doesNotContain("s3cret");
        }
    }

    @Test
    void theTokenIsNotPrinted() {
        assertThat(new ScimProperties("s3cret-token", 200).toString()).doesNotContain("s3cret");
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/scim/v2/Users");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

}
