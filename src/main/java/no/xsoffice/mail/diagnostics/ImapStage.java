package no.xsoffice.mail.diagnostics;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

import no.xsoffice.mail.diagnostics.Stage.Failure;
import no.xsoffice.mail.sentcopy.ImapAppender;
import no.xsoffice.mail.smtp.ImapServer;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtpclient.AddressRefusedException;

/**
 * The connection test's IMAP stage, run when the profile wants a copy in the Sent folder: signs in to the IMAP server
 * with the SMTP credentials and finds the Sent folder, changing nothing.
 */
@ApplicationScoped
class ImapStage {

    /** Each wait of the stage, as the SMTP stages' waits. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final ImapAppender appender;

    ImapStage(ImapAppender appender) {
        this.appender = appender;
    }

    Stage run(ImapServer imap, SmtpProbe.Target target) {
        long start = System.nanoTime();
        boolean xoauth2 = target.oauth() != null;
        String secret = xoauth2 ? target.oauth().accessToken() : target.password();
        try {
            String folder = appender.check(imap, target.username(), secret, xoauth2, WAIT);
            return Stage.passed(Stage.IMAP, ms(start), "Signed in to " + where(imap) + "; a copy of sent mail goes to "
                    + folder);
        } catch (ImapAppender.SignInRefused e) {
            return Stage.failed(Stage.IMAP, ms(start), Failure.IMAP_SIGN_IN_REFUSED, "The IMAP server refused the sign-in")
                    .withReply(e.getMessage());
        } catch (AddressRefusedException e) {
            return Stage.failed(Stage.IMAP, ms(start), Failure.ADDRESS_REFUSED, e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            boolean unreachable = cause(e, ConnectException.class) || cause(e, SocketTimeoutException.class);
            return Stage.failed(Stage.IMAP, ms(start), unreachable ? Failure.IMAP_UNREACHABLE : Failure.IMAP_FAILED,
                    (unreachable ? "No IMAP answer from " : "The copy in Sent cannot use ") + where(imap))
                    .withReply(e.getMessage());
        }
    }

    /** What an IMAP stage's failure most likely means. */
    static String hint(Stage stage, ImapServer imap) {
        String where = where(imap);
        String reply = stage.reply() == null ? "" : stage.reply();
        if (stage.failure() == Failure.IMAP_SIGN_IN_REFUSED) {
            return "The IMAP server " + where + " refused the sign-in the SMTP server accepted: IMAP may be turned off"
                    + " for this account at the provider (Gmail: Settings → Forwarding and POP/IMAP; Outlook.com:"
                    + " Settings → Mail → Forwarding and IMAP), or it wants another password. Mail is still sent;"
                    + " only the copy in the Sent folder fails.";
        }
        if (imap.port() == 993 && imap.security() == SmtpSecurity.STARTTLS) {
            return "Port 993 wants SSL_TLS: the IMAP server waits for a TLS handshake.";
        }
        if (imap.port() == 143 && imap.security() == SmtpSecurity.SSL_TLS) {
            return "Port 143 wants STARTTLS: the IMAP server speaks plain text first.";
        }
        if (reply.toUpperCase().contains("STARTTLS")) {
            return "The IMAP server " + where + " does not offer STARTTLS; the copy never falls back to plain text:"
                    + " use SSL_TLS on port 993.";
        }
        if (stage.failure() == Failure.IMAP_UNREACHABLE) {
            return "No IMAP server answers at " + where + ": check the port (993 for SSL_TLS, 143 for STARTTLS) and"
                    + " that the provider offers IMAP for this account.";
        }
        return "The copy in the Sent folder cannot use " + where + ": " + reply;
    }

    private static String where(ImapServer imap) {
        return imap.host() + ":" + imap.port();
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
