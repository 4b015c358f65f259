package no.xsoffice.mail.send;

import java.util.UUID;

/** Fired when a new message is stored: an idle dispatcher looks now rather than at its next poll. */
public record MessageAccepted(UUID id) {
}
