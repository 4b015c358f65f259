package no.xsoffice.mail.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import no.xsoffice.mail.address.MailAddress;
import no.xsoffice.mail.diagnostics.SmtpProbe.Target;
import no.xsoffice.mail.smtp.OAuthProvider;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtp.SmtpSettings;
import no.xsoffice.mail.smtpclient.SmtpEndpoint;

/**
 * What a connection test's failure most likely means and what to do about it, from the failed
 * stage, the server's reply and the settings (with the provider guessed from the host name).
 * A pure function: no network, no state.
 */
public final class Hints {

    enum Provider { GOOGLE, MICROSOFT, OTHER }

    private Hints() {
    }

    /** One specific hint for the failed stage; when every stage passed, null unless the server greeted slowly. */
    public static String hint(List<Stage> stages, Target target) {
        Optional<Stage> failed = stages.stream().filter(s -> !s.ok()).findFirst();
        return failed.map(stage -> forStage(stage, target)).orElseGet(() -> slowGreeting(stages, target));
    }

    /**
     * A greeting that came later than any other wait of the test is allowed: the settings are right, and the
     * server is slow (or slows this service down on purpose).
     */
    private static String slowGreeting(List<Stage> stages, Target target) {
        String greets = target.security() == SmtpSecurity.SSL_TLS ? Stage.TLS : Stage.CONNECT;
        return stages.stream().filter(s -> s.stage().equals(greets) && s.ms() > SmtpProbe.MAX_WAIT.toMillis())
                .findFirst()
                .map(s -> "Slow greeting: the server took " + s.ms() / 1000 + " s to connect and greet. The settings"
                        + " are right and mail goes out (deliveries wait up to 5 minutes for a greeting), but a server"
                        + " this slow may be holding this service back on purpose (tarpitting).")
                .orElse(null);
    }

    /** Settings that may work but are probably not what the server or the receivers expect. */
    public static List<String> warnings(Target target) {
        SmtpSettings settings = new SmtpSettings();
        settings.host = target.host();
        settings.port = target.port();
        settings.security = target.security();
        settings.authentication = target.authentication();
        List<String> warnings = new ArrayList<>(settings.warnings());
        String accountDomain = domainOf(target.username());
        String fromDomain = domainOf(target.from());
        if (target.authentication() && accountDomain != null && fromDomain != null && !accountDomain.equals(fromDomain)) {
            warnings.add("The From address's domain (" + fromDomain + ") differs from the SMTP account's (" + accountDomain
                    + "): many servers refuse it or rewrite it (Microsoft answers 5.7.60, Gmail replaces the From"
                    + " unless the address is added under \"Send mail as\"), and receivers may treat it as spam"
                    + " unless SPF and DKIM cover that domain");
        }
        if (target.authentication() && target.oauth() == null && provider(target.host()) == Provider.MICROSOFT) {
            warnings.add("Microsoft is retiring Basic authentication (password sign-in) for SMTP AUTH in Exchange"
                    + " Online; plan to sign in with OAuth");
        }
        return warnings;
    }

    static Provider provider(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.contains("gmail") || h.contains("google")) {
            return Provider.GOOGLE;
        }
        if (h.contains("office365") || h.contains("outlook") || h.contains("microsoft") || h.contains("hotmail")
                || h.endsWith("live.com")) {
            return Provider.MICROSOFT;
        }
        return Provider.OTHER;
    }

    private static String forStage(Stage stage, Target t) {
        String where = t.host() + ":" + t.port();
        return switch (stage.failure() == null ? Stage.Failure.REPLY : stage.failure()) {
            case DNS_UNRESOLVED -> "The name " + t.host() + " does not resolve: check the spelling of the SMTP server"
                    + " (your provider's setup page names it, e.g. smtp.gmail.com).";
            case ADDRESS_REFUSED -> t.authentication() && t.security() == SmtpSecurity.NONE
                    // only a private address may take a password in plain text, and this one no longer is
                    ? "A password is never sent unencrypted except to a private address, and " + t.host() + " now"
                            + " resolves to another: choose STARTTLS or SSL_TLS."
                    : "This service only connects to public mail servers on the mail ports 25, 465, 587"
                            + " and 2525: use your provider's SMTP server name.";
            case IMAP_SIGN_IN_REFUSED, IMAP_UNREACHABLE, IMAP_FAILED -> stage.detail(); // IMAP: ImapStage.hint
            case CONNECTION_REFUSED -> "Nothing accepts connections on " + where + ": check the port (465 is for"
                    + " SSL_TLS, 587 for STARTTLS) and the server name.";
            case CONNECT_TIMEOUT, CONNECT_FAILED -> where + " does not answer: the server name may be wrong, or a"
                    + " firewall blocks the port (many networks block port 25); try 587 with STARTTLS or 465 with SSL_TLS.";
            case NO_GREETING -> t.port() == 465
                    ? "Port 465 wants SSL_TLS: the server waits for a TLS handshake and says nothing in plain text."
                    : "The server accepted the connection but said nothing: if it expects TLS from the first byte"
                            + " (as on port 465), choose SSL_TLS.";
            case NOT_TLS -> notTls(t);
            case NO_STARTTLS -> "The server does not offer STARTTLS on port " + t.port() + ", and the test never goes on"
                    + " unencrypted: use the provider's encrypted port (587 with STARTTLS, or 465 with SSL_TLS);"
                    + " choose NONE only for a relay on a trusted network, and then without a password: a password is"
                    + " never sent unencrypted, except to a private address when the operator allows private hosts.";
            case CERTIFICATE_UNTRUSTED -> "The server's certificate is not trusted (self-signed, or from an unknown"
                    + " authority): use the provider's official server name; for a company relay with its own CA,"
                    + " operations can add that CA with MAIL_TRANSPORT_TRUST_CERTS.";
            case CERTIFICATE_EXPIRED -> "The server's certificate has expired"
                    + (stage.certificate() == null ? "" : " (" + stage.certificate().notAfter() + ")")
                    + ": the server's administrator must renew it.";
            case CERTIFICATE_HOST -> "The certificate is issued for another host"
                    + (stage.certificate() == null ? "" : " (" + stage.certificate().subject() + ")")
                    + ", not " + t.host() + ": use the host name the certificate names"
                    + (SmtpEndpoint.isIpLiteral(t.host()) ? ", not an IP address." : ".");
            case TLS_FAILED -> "The TLS handshake failed: check that the security fits the port (465 wants SSL_TLS,"
                    + " 587 wants STARTTLS).";
            case AUTH_NOT_OFFERED -> t.security() == SmtpSecurity.NONE
                    ? "The server offers no sign-in on an unencrypted connection, and this service sends a password"
                            + " unencrypted only to a private address: choose STARTTLS (port 587)."
                    : "The server offers no sign-in (AUTH) here: if it is a relay that takes mail without one, turn"
                            + " authentication off; otherwise use its submission port (587 with STARTTLS).";
            case AUTH_MECHANISM -> t.oauth() != null
                    ? "The server does not take OAuth sign-in (AUTH XOAUTH2): use the provider's own SMTP server"
                            + " (smtp.gmail.com or smtp.office365.com, port 587 with STARTTLS), or sign in with a password."
                    : "The server offers no password sign-in (PLAIN or LOGIN) here"
                            + (provider(t.host()) == Provider.OTHER ? "." : ": this provider wants OAuth sign-in.");
            case OAUTH_NOT_CONNECTED -> "The " + account(t) + " is not connected yet: choose \"Connect\" and sign in"
                    + " to " + provider(t) + " to give XS Office consent to send your mail; until then nothing is sent"
                    + " through this server.";
            case OAUTH_REFUSED -> t.oauth().appOnly()
                    ? "Microsoft refused the application's sign-in for the tenant: the tenant's administrator must"
                            + " grant the XS Office application admin consent (SMTP.SendAsApp), then save the server"
                            + " again; held mail is sent as soon as it is saved."
                    : provider(t) + " no longer accepts the consent (it expired, the password was changed, or access"
                            + " was withdrawn in the account's security settings): connect the " + account(t)
                            + " again. Your held mail is sent as soon as you do.";
            case OAUTH_UNAVAILABLE -> provider(t) + "'s sign-in service gave no access token just now: try again in a"
                    + " few minutes; if it keeps happening, operations should check the OAuth application settings"
                    + " (MAIL_OAUTH_" + t.oauth().provider().name() + "_CLIENT_ID and _CLIENT_SECRET).";
            case TIMEOUT -> "The server stopped answering during " + stage.stage() + ": try again; if it keeps"
                    + " happening, check that the security fits the port (465: SSL_TLS, 587: STARTTLS).";
            case CONNECTION_LOST -> Stage.TLS.equals(stage.stage())
                    ? "The server closed the connection during the TLS handshake: check that the security fits the"
                            + " port (465 wants SSL_TLS, 587 wants STARTTLS)."
                    : "The server closed the connection during " + stage.stage() + ": try again later.";
            case REPLY -> forReply(stage, t);
        };
    }

    private static String notTls(Target t) {
        if (t.port() == 587 || t.port() == 25 || t.port() == 2525) {
            return "Port " + t.port() + " wants STARTTLS, not SSL_TLS: the server speaks plain SMTP first and is"
                    + " upgraded to TLS after.";
        }
        return "The server on port " + t.port() + " speaks plain SMTP, not TLS from the first byte: choose STARTTLS"
                + " (or use port 465 with SSL_TLS).";
    }

    private static String forReply(Stage stage, Target t) {
        String reply = stage.reply() == null ? "" : stage.reply();
        int code = codeOf(reply);
        Provider provider = provider(t.host());
        String limit = limitHint(reply, code);
        if (limit != null) {
            return limit;
        }
        if (has(reply, "5.7.30")) {
            return "Microsoft has turned off Basic authentication (password sign-in) for this tenant (550 5.7.30):"
                    + " connect the profile with \"Sign in with Microsoft\" (OAuth) instead of a password; until"
                    + " Microsoft removes it for good, the Microsoft 365 administrator can still allow Basic"
                    + " authentication for SMTP AUTH for the tenant.";
        }
        if (has(reply, "5.7.139") || reply.toLowerCase(Locale.ROOT).contains("smtpclientauthentication")) {
            return "Microsoft 365 refuses SMTP AUTH for this account (535 5.7.139): SMTP AUTH is turned off for the"
                    + " tenant or the mailbox, or the tenant's security defaults or a Conditional Access policy block"
                    + " the sign-in. The administrator must turn on Authenticated SMTP for the mailbox (Microsoft 365"
                    + " admin center → Users → Active users → Mail → Manage email apps) and allow SMTP AUTH for the"
                    + " tenant (Exchange admin center → Settings → Mail flow); with security defaults or Conditional"
                    + " Access a password cannot work: sign in with OAuth, or have the policy exclude this mailbox.";
        }
        if (has(reply, "5.7.57")) {
            return "Microsoft 365 received mail without a sign-in (5.7.57 Client not authenticated): turn"
                    + " authentication on with the mailbox's full address, use smtp.office365.com on port 587 with"
                    + " STARTTLS, and have the administrator turn on Authenticated SMTP for the mailbox.";
        }
        if (has(reply, "5.7.60")) {
            return "The account " + t.username() + " may not send as " + t.from() + " (5.7.60): send from the"
                    + " account's own address, or have the Microsoft 365 administrator grant it Send As (or Send on"
                    + " behalf) for that address.";
        }
        if (Stage.AUTH.equals(stage.stage()) && t.oauth() != null) {
            return t.oauth().provider() == OAuthProvider.GOOGLE
                    ? "Google refused the access token: the username must be the connected Google account ("
                            + t.username() + "); if it is, connect the account again so the consent includes"
                            + " https://mail.google.com/."
                    : "Microsoft refused the access token: SMTP AUTH (Authenticated SMTP) must be enabled for the"
                            + " mailbox " + t.username() + ", and the username must be that mailbox"
                            + (t.oauth().appOnly() ? "; for app-only sign-in the administrator must"
                                    + " also register the application's service principal in Exchange Online and"
                                    + " give it FullAccess to the mailbox." : ".");
        }
        if (Stage.AUTH.equals(stage.stage()) && (code == 535 || code == 534)) {
            return switch (provider) {
                case GOOGLE -> "Google refused the password: with 2-Step Verification on, create an app password"
                        + " (Google account → Security → App passwords) and use it here instead of the account"
                        + " password; the username is the full Gmail address.";
                case MICROSOFT -> "Microsoft refused the sign-in: check the password, and that SMTP AUTH (Authenticated"
                        + " SMTP) is enabled for the mailbox; Basic authentication is being retired, so OAuth may be"
                        + " needed.";
                case OTHER -> "The server refused the username or password: check both (the username is usually the"
                        + " full e-mail address); some providers want an app password instead of the account password.";
            };
        }
        if (code == 530 && reply.toUpperCase(Locale.ROOT).contains("STARTTLS")) {
            return "The server wants an encrypted connection first: choose STARTTLS.";
        }
        if (code == 530 || (reply.contains("5.7.0") && !t.authentication())) {
            return "The server wants a sign-in before it takes mail: turn authentication on and give the username and"
                    + " password.";
        }
        if (Stage.MAIL_FROM.equals(stage.stage()) && code >= 500) {
            return "The server refused the From address " + t.from() + ": send from the account's own address"
                    + (t.username() != null && t.username().contains("@") ? " (" + t.username() + ")" : "")
                    + " or one it may send as.";
        }
        if (Stage.RCPT_TO.equals(stage.stage()) && code >= 500) {
            return t.authentication() ? "The server refused the recipient: check the address."
                    : "The server will not pass mail on (relay) without a sign-in: turn authentication on.";
        }
        if (code >= 400 && code < 500) {
            return "The server is refusing for now (" + code + "): try again in a few minutes.";
        }
        if ((Stage.CONNECT.equals(stage.stage()) || Stage.TLS.equals(stage.stage())) && code >= 500) {
            return "The server refuses connections from this service: it may block this network's address.";
        }
        return "The server refused at " + stage.stage() + (reply.isEmpty() ? "" : ": " + reply) + ".";
    }

    /**
     * Replies that mean "over a provider's sending limit for now": nothing in the settings is wrong, and the hint
     * says how long to wait. Held mail is tried again by itself.
     */
    private static String limitHint(String reply, int code) {
        if (has(reply, "5.4.5")) {
            return "Google's daily sending limit for this account is reached (550 5.4.5): the settings and the From"
                    + " address are fine. Gmail lets the account send again within 24 hours (the limit counts every"
                    + " recipient over a rolling 24 hours: about 500 a day for Gmail, 10,000 for Google Workspace);"
                    + " mail waits until then. For bulk mail use a sending service.";
        }
        if (code == 432 || (has(reply, "4.3.2") && reply.toLowerCase(Locale.ROOT).contains("concurrent"))) {
            return "Microsoft allows only 3 connections at once per mailbox (432 4.3.2): another program or device"
                    + " is sending through the same mailbox right now. Try again in a minute; if it keeps"
                    + " happening, let fewer devices send through this mailbox at the same time.";
        }
        if (reply.contains("SubmissionQuotaExceeded") || has(reply, "5.7.233")) {
            return "The mailbox has reached Microsoft 365's sending quota (" + (has(reply, "5.7.233") ? "550 5.7.233"
                    : "554 5.2.0 SubmissionQuotaExceededException") + "): at most 10,000 recipients in any 24 hours"
                    + " and 30 messages a minute. Nothing in the settings is wrong; the mailbox may send again as the"
                    + " 24 hours pass, and mail waits until then. For bulk mail use a sending service.";
        }
        if (code == 421 && has(reply, "4.7.0")) {
            return "The server is limiting mail from this account or network for now (421 4.7.0): the settings are"
                    + " fine. Wait a while and try again; XS Office tries held mail again by itself. If it keeps"
                    + " happening, send fewer messages at once.";
        }
        if (code == 450 && has(reply, "4.2.1")) {
            return "The receiving side or the provider's rate limit says \"too fast\" for now (450 4.2.1): nothing"
                    + " to change in the settings. Try again later; XS Office tries the recipient again by itself.";
        }
        if (code == 452 && has(reply, "4.5.3")) {
            return "The message has more recipients than the server takes at once (452 4.5.3; Gmail takes 100 per"
                    + " message from mail programs): send to fewer recipients per message; the others are tried again"
                    + " in a separate transaction.";
        }
        return null;
    }

    /** Whether the reply carries the enhanced status code {@code status} (5.7.30, but not 5.7.300 or 15.7.30). */
    private static boolean has(String reply, String status) {
        for (int at = reply.indexOf(status); at >= 0; at = reply.indexOf(status, at + 1)) {
            int end = at + status.length();
            boolean before = at == 0 || !partOfCode(reply.charAt(at - 1));
            boolean after = end == reply.length() || !Character.isDigit(reply.charAt(end))
                    && !(reply.charAt(end) == '.' && end + 1 < reply.length() && Character.isDigit(reply.charAt(end + 1)));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static boolean partOfCode(char c) {
        return Character.isDigit(c) || c == '.';
    }

    private static String provider(Target t) {
        return t.oauth().provider() == OAuthProvider.GOOGLE ? "Google" : "Microsoft";
    }

    private static String account(Target t) {
        return (t.oauth().provider() == OAuthProvider.GOOGLE ? "Google" : "Microsoft 365") + " account";
    }

    private static int codeOf(String reply) {
        return reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(reply.substring(0, 3)) : 0;
    }

    private static String domainOf(String address) {
        return address == null ? null : MailAddress.plain(address).map(a -> a.substring(a.lastIndexOf('@') + 1))
                .orElse(null);
    }
}
