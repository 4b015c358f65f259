package no.xsoffice.mail.suppression;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the public reaches this service: the base of the one-click unsubscribe links in bulk mail. */
@ConfigMapping(prefix = "mail.public")
public interface PublicConfig {

    /** The service's public base URL, e.g. {@code https://mail.xs-office.no} ({@code MAIL_PUBLIC_BASE_URL}). */
    @WithDefault("http://localhost:8080")
    String baseUrl();
}
