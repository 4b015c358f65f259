package no.xsoffice.mail.sentcopy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import io.quarkus.runtime.Startup;
import no.xsoffice.mail.smtp.ImapServer;
import no.xsoffice.mail.smtpclient.SmtpSecurity;
import no.xsoffice.mail.smtpclient.AddressGuard;
import no.xsoffice.mail.smtpclient.TransportConfig;
import no.xsoffice.mail.smtpclient.TrustedCertificates;

/**
 * Files a message's exact bytes in a mailbox's Sent folder over IMAP (Angus Mail): APPEND with {@code \Seen}.
 * The server passes the SSRF guard first, and the connection goes to the address it checked; TLS is verified with the service's trusted certificates and the host
 * name; STARTTLS is required, never a plain fallback; connect, read and write have the transport's timeouts.
 */
@Startup // reads MAIL_TRANSPORT_TRUST_CERTS: a bad file stops the start, not every delivery
@ApplicationScoped
public class ImapAppender {

    private final AddressGuard guard;
    private final TransportConfig config;
    private final SSLContext tls;

    public ImapAppender(AddressGuard guard, TransportConfig config) {
        this.guard = guard;
        this.config = config;
        try {
            this.tls = SSLContext.getInstance("TLS");
            tls.init(null, TrustedCertificates.factory(config).getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** Where the copy went and what the server answered to the APPEND. */
    public record Filed(String folder, String reply) {
    }

    /** A sign-in the server refused (wrong password, IMAP off for the account): trying again will not help. */
    public static class SignInRefused extends Exception {
        SignInRefused(String reply, Throwable cause) {
            super(reply, cause);
        }
    }

    /**
     * Appends {@code mime} to the mailbox's Sent folder, creating {@code Sent} when there is none.
     *
     * @param secret the password, or with {@code xoauth2} the access token
     * @throws SignInRefused when the server refuses the credentials
     * @throws MessagingException on any other failure (connection, TLS, timeout, a refused APPEND): try again later
     */
    public Filed append(ImapServer imap, String username, String secret, boolean xoauth2, byte[] mime)
            throws SignInRefused, MessagingException {
        IMAPStore store = connect(imap, username, secret, xoauth2, null);
        try {
            String name = sentFolder(store);
            IMAPFolder folder = (IMAPFolder) store.getFolder(name);
            if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("The IMAP server did not create the folder " + name);
            }
            String reply = (String) folder.doCommand(protocol -> {
                String[] last = new String[1];
                protocol.addResponseHandler(response -> {
                    if (response.isTagged()) {
                        last[0] = replyText(response);
                    }
                });
                protocol.appenduid(folder.getFullName(), new Flags(Flags.Flag.SEEN), null, literal(mime));
                return last[0] == null ? "OK" : last[0];
            });
            return new Filed(name, reply);
        } finally {
            store.close();
        }
    }

    /**
     * For the connection test: signs in and finds the Sent folder, changing nothing; each wait at most {@code wait}.
     * Answers the folder a copy would go to ({@code Sent} also when it does not exist yet).
     */
    public String check(ImapServer imap, String username, String secret, boolean xoauth2, Duration wait)
            throws SignInRefused, MessagingException {
        IMAPStore store = connect(imap, username, secret, xoauth2, wait);
        try {
            return sentFolder(store);
        } finally {
            store.close();
        }
    }

    private IMAPStore connect(ImapServer imap, String username, String secret, boolean xoauth2, Duration wait)
            throws SignInRefused, MessagingException {
        // connected to as checked, so that a second DNS answer cannot swap in another; TLS still names the server
        InetAddress address = guard.checkImapConnect(imap.host(), imap.port());
        IMAPStore store = (IMAPStore) Session.getInstance(properties(imap, xoauth2, wait)).getStore(protocol(imap));
        try {
            store.connect(address.getHostAddress(), imap.port(), username, secret);
        } catch (AuthenticationFailedException e) {
            throw new SignInRefused(e.getMessage() == null ? "The IMAP server refused the sign-in" : e.getMessage(), e);
        }
        return store;
    }

    private static String sentFolder(IMAPStore store) throws MessagingException {
        List<SentFolders.Listed> listed = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            listed.add(new SentFolders.Listed(folder.getFullName(), Arrays.asList(((IMAPFolder) folder).getAttributes())));
        }
        return SentFolders.choose(listed).orElse(SentFolders.CREATED);
    }

    private Properties properties(ImapServer imap, boolean xoauth2, Duration wait) {
        String p = protocol(imap);
        Duration connect = wait == null ? config.connectTimeout() : wait;
        Duration read = wait == null ? config.readTimeout() : wait;
        Properties props = new Properties();
        props.put("mail." + p + ".connectiontimeout", String.valueOf(connect.toMillis()));
        props.put("mail." + p + ".timeout", String.valueOf(read.toMillis()));
        props.put("mail." + p + ".writetimeout", String.valueOf(read.toMillis()));
        props.put("mail." + p + ".ssl.socketFactory", new NamedTls(tls.getSocketFactory(), AddressGuard.canonical(imap.host())));
        props.put("mail." + p + ".ssl.checkserveridentity", "true");
        if (imap.security() == SmtpSecurity.STARTTLS) {
            props.put("mail.imap.starttls.enable", "true");
            props.put("mail.imap.starttls.required", "true");
        } else {
            props.put("mail.imaps.ssl.enable", "true");
        }
        if (xoauth2) {
            props.put("mail." + p + ".auth.mechanisms", "XOAUTH2");
        }
        return props;
    }

    private static String protocol(ImapServer imap) {
        return imap.security() == SmtpSecurity.STARTTLS ? "imap" : "imaps";
    }

    /** The tagged reply without its tag, e.g. {@code OK [APPENDUID 1 7] APPEND completed}. */
    private static String replyText(Response response) {
        String text = response.toString();
        int space = text.indexOf(' ');
        String reply = space < 0 ? text : text.substring(space + 1);
        return reply.length() > 500 ? reply.substring(0, 500) : reply;
    }

    private static Literal literal(byte[] mime) {
        return new Literal() {
            @Override
            public int size() {
                return mime.length;
            }

            @Override
            public void writeTo(OutputStream os) throws IOException {
                os.write(mime);
            }
        };
    }
}
