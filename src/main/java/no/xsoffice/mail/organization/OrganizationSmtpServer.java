package no.xsoffice.mail.organization;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import no.xsoffice.mail.smtp.SmtpSettings;

/** The organisation's shared SMTP server ("Admin – Globale innstillinger"). */
@Entity
@Table(name = "organization_smtp_server")
public class OrganizationSmtpServer extends PanacheEntityBase {

    @Id
    public String orgId;
    @Embedded
    public SmtpSettings server = new SmtpSettings();
    public Instant updatedAt;

    public static Optional<OrganizationSmtpServer> findFor(String orgId) {
        return findByIdOptional(orgId);
    }

    public static Optional<OrganizationSmtpServer> lockFor(String orgId) {
        return findByIdOptional(orgId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Associated data for the password's ciphertext: it only decrypts in this organisation's row. */
    public String secretBinding() {
        return "organization-smtp-server/" + orgId;
    }
}
