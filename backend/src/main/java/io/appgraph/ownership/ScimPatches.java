package io.appgraph.ownership;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;

/**
 * PATCH requests as identity providers write them, made plain for the SDK. Entra ID sends
 * operations without a path whose value object names sub-attributes by path
 * ({@code {"op":"Replace","value":{"name.givenName":"Ann"}}}, or with an extension's URN
 * in front); the SDK would store such a key as an attribute of that literal name, so each
 * becomes an operation with that path.
 */
final class ScimPatches {

    private ScimPatches() {
    }

    static PatchRequest plain(PatchRequest request) throws ScimException {
        List<PatchOperation> operations = new ArrayList<>();
        for (PatchOperation operation : request.getOperations()) {
            JsonNode value = operation.getJsonNode();
            if (operation.getPath() != null || value == null || !value.isObject()
                    || operation.getOpType() == PatchOpType.REMOVE) {
                operations.add(operation);
                continue;
            }
            int at = operations.size();
            ObjectNode plainValue = value.deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = plainValue.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().contains(".") || field.getKey().startsWith("urn:")) {
                    operations.add(PatchOperation.create(operation.getOpType(), Path.fromString(field.getKey()),
                            field.getValue()));
                    fields.remove();
                }
            }
            if (!plainValue.isEmpty()) {
                operations.add(at, (operation.getOpType() == PatchOpType.REPLACE) ? PatchOperation.replace(plainValue)
                        : PatchOperation.add(plainValue));
            }
        }
        return new PatchRequest(operations);
    }

}
