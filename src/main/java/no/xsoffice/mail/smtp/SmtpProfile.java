package no.xsoffice.mail.smtp;

import no.xsoffice.mail.smtpclient.SmtpSecurity;
import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import no.xsoffice.mail.security.UserRef;
import no.xsoffice.mail.settings.SettingsChanged;

/** A user's personal SMTP settings ("SMTP-innstillinger"). */
@Entity
@Table(name = "smtp_profile")
@EntityListeners(SettingsChanged.class)
public class SmtpProfile extends PanacheEntityBase implements SettingsChanged.Owned {

    /** Associated data for the password's ciphertext: it only decrypts in this user's row. */
    public static final String SECRET_KIND = "smtp-profile";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String orgId;
    public String userId;
    /** "Bruk felles SMTP-server": the organisation's server is used and the fields below are kept but ignored. */
    public boolean useSharedServer;
    public String templateId;
    @Embedded
    public SmtpSettings server = new SmtpSettings();
    public Instant updatedAt;
    /** Whether mail sent through this server is also filed in the mailbox's Sent folder. */
    @Enumerated(EnumType.STRING)
    public SentCopyMode sentCopy = SentCopyMode.AUTO;
    /** The mailbox's IMAP server; null host: none known. */
    public String imapHost;
    public Integer imapPort;
    @Enumerated(EnumType.STRING)
    public SmtpSecurity imapSecurity;

    public static Optional<SmtpProfile> findFor(UserRef user) {
        return find("orgId = ?1 and userId = ?2", user.orgId(), user.userId()).firstResultOptional();
    }

    public static Optional<SmtpProfile> lockFor(UserRef user) {
        return find("orgId = ?1 and userId = ?2", user.orgId(), user.userId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    @Override
    public UserRef user() {
        return new UserRef(orgId, userId);
    }

    /** The mailbox's IMAP server; null when none is known. */
    public ImapServer imap() {
        return imapHost == null ? null : new ImapServer(imapHost, imapPort, imapSecurity);
    }

    public void imap(ImapServer imap) {
        imapHost = imap == null ? null : imap.host();
        imapPort = imap == null ? null : imap.port();
        imapSecurity = imap == null ? null : imap.security();
    }

    public String secretBinding() {
        return user().bindingFor(SECRET_KIND);
    }
}
