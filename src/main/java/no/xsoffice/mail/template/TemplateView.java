package no.xsoffice.mail.template;

import java.util.List;


import org.eclipse.microprofile.openapi.annotations.media.Schema;

import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.template.ProviderTemplate.Limits;
import no.xsoffice.mail.template.ProviderTemplate.SignIn;
import no.xsoffice.mail.template.ProviderTemplate.Source;

/** A provider template in one language, as the settings page shows it. */
@Schema(name = "ProviderTemplate")
public record TemplateView(
        @Schema(description = "Lowercase slug; the templateId of an SMTP profile", examples = "gmail") String id,
        @Schema(examples = "Gmail") String name,
        @Schema(examples = "smtp.gmail.com") String host,
        @Schema(examples = "587") int port,
        SmtpSecurity security,
        @Schema(description = "What to enter as the username", examples = "Hele Gmail-adressen din, f.eks. kari@gmail.com") String usernameHint,
        @Schema(description = "Address domains this provider serves (customer domains are recognised by their MX hosts instead)",
                examples = "[\"gmail.com\", \"googlemail.com\"]") List<String> domains,
        @Schema(description = "The ways of signing in the provider still accepts for SMTP") List<SignIn> signInMethods,
        @Schema(description = "The way the provider recommends") SignIn preferredSignIn,
        @Schema(description = "What the user does at the provider before saving the settings, in order",
                examples = "[\"Slå på totrinnsbekreftelse for Google-kontoen.\", \"Lag et appassord på https://myaccount.google.com/apppasswords.\"]")
        List<String> steps,
        @Schema(description = "Limits and caveats worth knowing; null when there are none", nullable = true)
        String notes,
        @Schema(description = "A warning to show wherever this provider is used, e.g. beside an SMTP profile made from"
                + " this template: the provider's terms forbid or restrict the kind of sending XS Office does;"
                + " null when there is none", nullable = true,
                examples = "Domeneshop allows its SMTP server for personal mail programs only, and 0 automated messages.")
        String warning,
        @Schema(description = "The sending limits the provider publishes, each with its source; deliveries through"
                + " this template's server stay within them unless the profile sets its own") Limits limits,
        @Schema(description = "The provider's public pages the facts come from, with the date each was checked") List<Source> sources,
        @Schema(description = "The provider's IMAP server, for the copy in the Sent folder; null when no page confirms it", nullable = true)
        ProviderTemplate.Imap imap,
        @Schema(description = "The provider files mail submitted over SMTP in the Sent folder itself, so sentCopy AUTO"
                + " makes no copy (Gmail, Google Workspace, Microsoft 365, Outlook.com)") boolean filesSentCopy,
        @Schema(description = "In lookup answers: whether the address's domain itself (DOMAIN) or its mail servers (MX) matched; else null", nullable = true)
        MatchedBy matchedBy) {

    /** How a lookup recognised the provider. */
    public enum MatchedBy {
        DOMAIN,
        MX
    }

    static TemplateView of(ProviderTemplate t, Language language) {
        return of(t, language, null);
    }

    static TemplateView of(ProviderTemplate t, Language language, MatchedBy matchedBy) {
        return new TemplateView(t.id(), t.name(), t.host(), t.port(), t.security(), t.usernameHint().in(language),
                t.domains(), t.signInMethods(), t.preferredSignIn(), t.steps().in(language),
                t.notes() == null ? null : t.notes().in(language), t.warning() == null ? null : t.warning().in(language),
                t.limits() == null ? Limits.NONE : t.limits(), t.sources(), t.imap(), t.filesSentCopy(), matchedBy);
    }
}
