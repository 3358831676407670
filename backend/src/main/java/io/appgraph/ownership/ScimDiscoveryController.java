package io.appgraph.ownership;

import java.beans.IntrospectionException;
import java.net.URI;
import java.util.List;
import java.util.Set;

import com.unboundid.scim2.common.BaseScimResource;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.AuthenticationScheme;
import com.unboundid.scim2.common.types.BulkConfig;
import com.unboundid.scim2.common.types.ChangePasswordConfig;
import com.unboundid.scim2.common.types.ETagConfig;
import com.unboundid.scim2.common.types.FilterConfig;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.PatchConfig;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.SortConfig;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.SchemaUtils;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What this SCIM service provider supports (RFC 7644 section 4): users only, PATCH,
 * equality filters, index paging, one bearer token; no bulk, sort, ETags or passwords.
 */
@RestController
final class ScimDiscoveryController {

    // The core User attributes appgraph stores; the Schemas answer lists only these.
    private static final Set<String> STORED = Set.of("userName", "name", "displayName", "emails", "active");

    private final ScimProperties properties;

    private final SchemaResource fullSchema;

    private final List<AttributeDefinition> storedAttributes;

    ScimDiscoveryController(ScimProperties properties) throws IntrospectionException {
        this.properties = properties;
        this.fullSchema = SchemaUtils.getSchema(UserResource.class);
        this.storedAttributes = this.fullSchema.getAttributes()
            .stream()
            .filter(attribute -> STORED.contains(attribute.getName()))
            .toList();
    }

    @GetMapping(ScimJson.BASE + "/ServiceProviderConfig")
    ResponseEntity<byte[]> serviceProviderConfig() {
        ServiceProviderConfigResource config = new ServiceProviderConfigResource(null, new PatchConfig(true),
                new BulkConfig(false, 0, 0), new FilterConfig(true, this.properties.maxResults()),
                new ChangePasswordConfig(false), new SortConfig(false), new ETagConfig(false),
                List.of(AuthenticationScheme.createOAuth2BearerToken(true)));
        return ScimJson.answer(HttpStatus.OK, withMeta(config, "ServiceProviderConfig", "/ServiceProviderConfig"));
    }

    @GetMapping(ScimJson.BASE + "/Schemas")
    ResponseEntity<byte[]> schemas() {
        return ScimJson.answer(HttpStatus.OK, new ListResponse<>(List.of(schema())));
    }

    @GetMapping(ScimJson.BASE + "/Schemas/{id}")
    ResponseEntity<byte[]> schema(@PathVariable String id) throws ResourceNotFoundException {
        if (!this.fullSchema.getId().equals(id)) {
            throw new ResourceNotFoundException("No schema has the id '%s'".formatted(id));
        }
        return ScimJson.answer(HttpStatus.OK, schema());
    }

    @GetMapping(ScimJson.BASE + "/ResourceTypes")
    ResponseEntity<byte[]> resourceTypes() {
        return ScimJson.answer(HttpStatus.OK, new ListResponse<>(List.of(userType())));
    }

    @GetMapping(ScimJson.BASE + "/ResourceTypes/{id}")
    ResponseEntity<byte[]> resourceType(@PathVariable String id) throws ResourceNotFoundException {
        if (!ScimUser.RESOURCE_TYPE.equals(id)) {
            throw new ResourceNotFoundException("No resource type has the id '%s'".formatted(id));
        }
        return ScimJson.answer(HttpStatus.OK, userType());
    }

    // A new resource each time: the meta set on it is this request's.
    // Groups and the rest of RFC 7644 are not served; say so in SCIM, not as a bare 404.
    @RequestMapping(ScimJson.BASE + "/**")
    ResponseEntity<byte[]> elsewhere() throws ResourceNotFoundException {
        throw new ResourceNotFoundException(
                "appgraph's SCIM service serves /Users, /ServiceProviderConfig, /Schemas" + " and /ResourceTypes only");
    }

    private SchemaResource schema() {
        SchemaResource schema = new SchemaResource(this.fullSchema.getId(), this.fullSchema.getName(),
                this.fullSchema.getDescription(), this.storedAttributes);
        return withMeta(schema, "Schema", "/Schemas/" + schema.getId());
    }

    private static ResourceTypeResource userType() {
        ResourceTypeResource type = new ResourceTypeResource(ScimUser.RESOURCE_TYPE, ScimUser.RESOURCE_TYPE,
                "A person: their handle, name, work email and whether they are still here", URI.create("/Users"),
                URI.create(SchemaUtils.getSchemaUrn(UserResource.class)), List.of());
        return withMeta(type, "ResourceType", "/ResourceTypes/" + ScimUser.RESOURCE_TYPE);
    }

    private static <T extends BaseScimResource> T withMeta(T resource, String resourceType, String path) {
        resource.setMeta(new Meta().setResourceType(resourceType)
            .setLocation(
                    ServletUriComponentsBuilder.fromCurrentContextPath().path(ScimJson.BASE + path).build().toUri()));
        return resource;
    }

}
