package io.appgraph.ownership;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.GregorianCalendar;
import java.util.List;

import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import io.appgraph.platform.Values;
import org.neo4j.driver.Value;

/**
 * A person as the identity provider sees them: the SCIM id appgraph gave them, their
 * handle as {@code userName}, and what SCIM alone writes (external id, given and family
 * names) kept beside the person's own properties.
 */
record ScimUser(String id, String handle, String name, String email, boolean active, String externalId,
        String givenName, String familyName, OffsetDateTime created, OffsetDateTime lastModified) {

    static final String RESOURCE_TYPE = "User";

    /**
     * A map projection of the person node bound to {@code variable} that {@link #from}
     * reads.
     */
    static String projection(String variable) {
        return """
                %1$s { .handle, .name, .email, .active, .scimId, .scimExternalId, .scimGivenName, .scimFamilyName,
                       created: coalesce(%1$s.createdAt, %1$s.scimModifiedAt),
                       lastModified: coalesce(%1$s.scimModifiedAt, %1$s.createdAt) }""".formatted(variable);
    }

    static ScimUser from(Value value) {
        return new ScimUser(value.get("scimId").asString(), value.get("handle").asString(),
                value.get("name").asString(null), value.get("email").asString(null),
                value.get("active").asBoolean(true), value.get("scimExternalId").asString(null),
                value.get("scimGivenName").asString(null), value.get("scimFamilyName").asString(null),
                Values.offsetDateTime(value.get("created")), Values.offsetDateTime(value.get("lastModified")));
    }

    UserResource toResource(URI location) {
        UserResource user = new UserResource();
        user.setId(this.id);
        user.setExternalId(this.externalId);
        user.setUserName(this.handle);
        user.setDisplayName(this.name);
        user.setActive(this.active);
        if (this.name != null || this.givenName != null || this.familyName != null) {
            user.setName(
                    new Name().setFormatted(this.name).setGivenName(this.givenName).setFamilyName(this.familyName));
        }
        if (this.email != null) {
            user.setEmails(List.of(new Email().setValue(this.email).setType("work").setPrimary(true)));
        }
        user.setMeta(new Meta().setResourceType(RESOURCE_TYPE)
            .setCreated(calendar(this.created))
            .setLastModified(calendar(this.lastModified))
            .setLocation(location));
        return user;
    }

    private static GregorianCalendar calendar(OffsetDateTime time) {
        return (time != null) ? GregorianCalendar.from(time.toZonedDateTime()) : null;
    }

}
