/**
 * The connection test of a user's or an organisation's SMTP server ({@code POST …/smtp-profile/test},
 * {@code …/smtp-server/test}). {@link no.xsoffice.mail.diagnostics.ConnectionTestService} lays the request over the
 * saved settings and validates it; {@link no.xsoffice.mail.diagnostics.SmtpProbe} checks the server's address with
 * the SSRF guard (the DNS stage) and then speaks SMTP only through the session deliveries use,
 * {@link no.xsoffice.mail.smtpclient.SmtpSession}, connected to that checked address: the same EHLO name, the same
 * TLS verification (STARTTLS required, never skipped), the same sign-in (PLAIN, LOGIN, XOAUTH2) and dot-stuffing.
 * The session tells each of its steps, with its time and the server's reply, to an
 * {@link no.xsoffice.mail.smtpclient.SmtpTranscript}; the probe turns that transcript into the API's
 * {@link no.xsoffice.mail.diagnostics.Stage}s (DNS, CONNECT, TLS, EHLO, AUTH, MAIL FROM, RCPT TO, DATA), holding
 * each wait to 5 s, the greeting to what the test's deadline leaves, and the whole to
 * {@code MAIL_TRANSPORT_CONNECTION_TEST_DEADLINE}. A dry run ends at DATA's 354 ({@code SmtpSession.trial}) and
 * closes the connection, so nothing is delivered; with {@code sendTo} one {@link no.xsoffice.mail.diagnostics.TestMessage}
 * is sent. {@link no.xsoffice.mail.diagnostics.TlsHandshake} only records the certificate the server presented, to
 * describe a refused one; {@link no.xsoffice.mail.diagnostics.Hints} and
 * {@link no.xsoffice.mail.diagnostics.ImapStage} turn the stages into one hint, and the IMAP stage checks the Sent
 * folder's server.
 */
package no.xsoffice.mail.diagnostics;
