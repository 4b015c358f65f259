package no.xsoffice.mail.smtpclient;

/** How the service signs in to an SMTP server: with the stored password, or with an OAuth access token (SASL XOAUTH2). */
public enum AuthMethod {
    PASSWORD,
    XOAUTH2
}
