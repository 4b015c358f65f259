package no.xsoffice.mail.smtp;

/**
 * Fired in the transaction that saves SMTP credentials: mail held after a refusal (535) may go
 * again. {@code userId} is null when the organisation's shared server was saved.
 */
public record CredentialsSaved(String orgId, String userId) {
}
