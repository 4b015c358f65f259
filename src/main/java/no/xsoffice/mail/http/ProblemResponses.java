package no.xsoffice.mail.http;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Adds the problem answers every {@code /api} operation can give (401, 403, 404, 503) to the
 * OpenAPI document, so that each resource declares only the answers particular to it.
 */
public class ProblemResponses implements OASFilter {

    private static final List<Map.Entry<String, String>> SHARED = List.of(Map.entry("401", "Unauthorized"),
            Map.entry("403", "Forbidden"), Map.entry("404", "NotFound"), Map.entry("503", "Unavailable"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().values().forEach(ProblemResponses::addShared);
            }
        });
    }

    private static void addShared(Operation operation) {
        SHARED.forEach(shared -> operation.getResponses().addAPIResponse(shared.getKey(),
                OASFactory.createAPIResponse().ref("#/components/responses/" + shared.getValue())));
    }
}
