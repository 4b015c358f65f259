package no.xsoffice.mail.template;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.security.Roles;

@Path("/api/v1/provider-templates")
@Tag(name = "Provider templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.USER, Roles.ORG_ADMIN, Roles.SERVICE })
public class ProviderTemplateResource {

    private static final String LANGUAGE = "The language of names, steps and notes: nb (also for nn and no) or en;"
            + " the first of these by preference, nb when none is asked for";

    private final TemplateCatalogue catalogue;
    private final TemplateLookup lookup;

    public ProviderTemplateResource(TemplateCatalogue catalogue, TemplateLookup lookup) {
        this.catalogue = catalogue;
        this.lookup = lookup;
    }

    @GET
    @Operation(operationId = "listProviderTemplates", summary = "List the provider templates",
            description = "Every known provider, with its settings and setup steps in the language of Accept-Language.")
    @APIResponse(responseCode = "200", description = "The catalogue, in its own order",
            headers = @Header(name = "Content-Language", description = "nb or en", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TemplateView.class)))
    public Response list(
            @Parameter(description = LANGUAGE, example = "nb") @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = Language.of(acceptLanguage);
        List<TemplateView> views = catalogue.all().stream().map(t -> TemplateView.of(t, language)).toList();
        return localised(views, language);
    }

    @GET
    @Path("/lookup")
    @Operation(operationId = "lookupProviderTemplate", summary = "Find the template for an e-mail address",
            description = "Matches the address's domain first (gmail.com, hotmail.com, …), then the domain's MX hosts,"
                    + " which recognises company domains hosted by Google Workspace, Microsoft 365 and others. The MX"
                    + " lookup waits a few seconds at most; a domain DNS does not answer for is treated as unknown.")
    @APIResponse(responseCode = "200", description = "The matching template, with matchedBy",
            headers = @Header(name = "Content-Language", description = "nb or en", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = TemplateView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response lookup(
            @Parameter(description = "The address to find a provider for", required = true, example = "kari@firma.no")
            @QueryParam("email") String email,
            @Parameter(description = LANGUAGE, example = "nb") @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = Language.of(acceptLanguage);
        TemplateLookup.Match match = lookup.lookup(email);
        return localised(TemplateView.of(match.template(), language, match.matchedBy()), language);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProviderTemplate", summary = "Read one provider template",
            description = "Its settings and setup steps, in Norwegian or English by Accept-Language.")
    @APIResponse(responseCode = "200", description = "The template",
            headers = @Header(name = "Content-Language", description = "nb or en", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = TemplateView.class)))
    public Response get(@Parameter(example = "gmail") @PathParam("id") String id,
            @Parameter(description = LANGUAGE, example = "nb") @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = Language.of(acceptLanguage);
        ProviderTemplate template = catalogue.find(id)
                .orElseThrow(() -> ProblemException.notFound("No provider template " + id));
        return localised(TemplateView.of(template, language), language);
    }

    private static Response localised(Object body, Language language) {
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
