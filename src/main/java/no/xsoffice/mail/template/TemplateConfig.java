package no.xsoffice.mail.template;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the provider catalogue looks addresses up. */
@ConfigMapping(prefix = "mail.templates")
public interface TemplateConfig {

    /** Longest wait for the MX records of an address's domain in a lookup ({@code MAIL_TEMPLATES_MX_TIMEOUT}). */
    @WithDefault("3s")
    Duration mxTimeout();
}
