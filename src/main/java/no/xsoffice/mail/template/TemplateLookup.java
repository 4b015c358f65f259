package no.xsoffice.mail.template;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.problem.ProblemException;
import no.xsoffice.mail.template.TemplateView.MatchedBy;

/**
 * Finds the template for an e-mail address the way Thunderbird's autoconfig does: by the address's
 * domain first, then by the domain's MX hosts, which is how a company domain hosted by Google or
 * Microsoft is recognised.
 */
@ApplicationScoped
public class TemplateLookup {

    /** A template and how it was found. */
    public record Match(ProviderTemplate template, MatchedBy matchedBy) {
    }

    private final TemplateCatalogue catalogue;
    private final MxResolver mx;

    public TemplateLookup(TemplateCatalogue catalogue, MxResolver mx) {
        this.catalogue = catalogue;
        this.mx = mx;
    }

    /**
     * @throws ProblemException 400 naming {@code email} when it is missing or not an address, 404 when no template matches
     */
    public Match lookup(String email) {
        if (email == null || email.isBlank()) {
            throw ProblemException.invalid("email", "is required");
        }
        String address = MailAddress.plain(email.trim())
                .orElseThrow(() -> ProblemException.invalid("email", "must be an e-mail address such as kari@firma.no"));
        String domain = address.substring(address.lastIndexOf('@') + 1);
        Optional<ProviderTemplate> byDomain = catalogue.forDomain(domain);
        if (byDomain.isPresent()) {
            return new Match(byDomain.get(), MatchedBy.DOMAIN);
        }
        List<String> hosts = mx.mxHosts(domain);
        for (String host : hosts) {
            Optional<ProviderTemplate> byMx = catalogue.forMxHost(host);
            if (byMx.isPresent()) {
                return new Match(byMx.get(), MatchedBy.MX);
            }
        }
        throw ProblemException.notFound("No provider template matches " + domain
                + (hosts.isEmpty() ? " (DNS gave no mail servers for it)" : " or its mail servers")
                + "; enter the SMTP settings by hand");
    }
}
