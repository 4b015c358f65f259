package no.xsoffice.mail.suppression;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How receivers are likely to judge an organisation's relay and shared-server mail, over the last 24 hours and 7 days. */
@Schema(name = "SendingHealth")
public record SendingHealthView(Window last24h, Window last7d, Thresholds thresholds) {

    /** OK below the warning thresholds, WARNING from them, CRITICAL from the maximum. */
    public enum Status {
        OK, WARNING, CRITICAL
    }

    /** One window's figures; rates are fractions (0.003 is 0.3 %), 0 when nothing was sent. */
    @Schema(name = "SendingHealthWindow")
    public record Window(
            @Schema(description = "Recipients the servers accepted, of messages final in the window") long sent,
            @Schema(description = "Hard bounces reported in the window") long bounced,
            @Schema(description = "Complaints reported in the window") long complained,
            @Schema(description = "bounced / sent") double bounceRate,
            @Schema(description = "complained / sent") double complaintRate,
            @Schema(description = "The worse of the two rates against the thresholds") Status status) {
    }

    /** The thresholds the status is judged by, as receivers publish them. */
    @Schema(name = "SendingHealthThresholds")
    public record Thresholds(
            @Schema(description = "Gmail and Yahoo (2024): keep complaints below 0.1 %") double complaintRateWarning,
            @Schema(description = "Gmail and Yahoo (2024): never reach 0.3 %") double complaintRateCritical,
            @Schema(description = "Keep hard bounces below 2 %") double bounceRateWarning,
            @Schema(description = "Amazon SES reviews an account from 5 %") double bounceRateCritical) {
    }
}
