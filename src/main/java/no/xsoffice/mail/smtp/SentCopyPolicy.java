package no.xsoffice.mail.smtp;

import java.util.List;
import java.util.Optional;

import no.xsoffice.mail.template.ProviderTemplate;

/** Whether a message sent through a user's own server gets a copy in the Sent folder, and where. */
public final class SentCopyPolicy {

    private SentCopyPolicy() {
    }

    /** The choice: the IMAP server to file the copy on, or why there is none. */
    public record Decision(ImapServer imap, String skipped) {

        public boolean wanted() {
            return imap != null;
        }
    }

    /**
     * NEVER: no. AUTO: not when the provider files SMTP submissions in Sent itself (its template, by the profile's
     * templateId or by the SMTP host, says {@code filesSentCopy}); otherwise as ALWAYS. ALWAYS: yes when the IMAP
     * server is known.
     */
    public static Decision decide(SmtpProfile profile, List<ProviderTemplate> templates) {
        return decide(profile.sentCopy, profile.templateId, profile.server.host, profile.imap(), templates);
    }

    static Decision decide(SentCopyMode mode, String templateId, String smtpHost, ImapServer imap,
            List<ProviderTemplate> templates) {
        if (mode == SentCopyMode.NEVER) {
            return new Decision(null, "sentCopy is NEVER");
        }
        if (mode != SentCopyMode.ALWAYS) {
            Optional<ProviderTemplate> filer = templates.stream().filter(ProviderTemplate::filesSentCopy)
                    .filter(t -> t.id().equals(templateId) || t.host().equalsIgnoreCase(String.valueOf(smtpHost)))
                    .findFirst();
            if (filer.isPresent()) {
                return new Decision(null, filer.get().name() + " files mail sent through its SMTP server in Sent itself");
            }
        }
        if (imap == null) {
            return new Decision(null, "No IMAP server is known for this mailbox");
        }
        return new Decision(imap, null);
    }
}
