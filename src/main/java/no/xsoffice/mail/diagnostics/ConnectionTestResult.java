package no.xsoffice.mail.diagnostics;

import java.util.List;


import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a connection test went: each stage until the first failure, and what to do about it. */
@Schema(name = "ConnectionTestResult")
public record ConnectionTestResult(
        @Schema(description = "True when every stage passed (and, with sendTo, the test mail was taken)") boolean ok,
        @Schema(description = "The stages run, in order; the test stops at the first that fails") List<Stage> stages,
        @Schema(description = "What the failure most likely means and what to change; when ok, null unless the"
                + " server greeted slowly (a note that the settings are right)", nullable = true,
                examples = "Port 465 wants SSL_TLS: the server waits for a TLS handshake and says nothing in plain text.")
        String hint,
        @Schema(description = "Settings that work but are probably not what the server or receivers expect")
        List<String> warnings) {
}
