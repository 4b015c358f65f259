package no.xsoffice.mail.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureHtmlTest {

    @Test
    void shouldRemoveScriptsEventHandlersAndJavascriptLinks() {
        String clean = SignatureHtml.sanitize("<p onclick=\"steal()\">Kari<script>alert(1)</script></p>"
                + "<a href=\"javascript:alert(1)\">klikk</a><img src=x onerror=alert(1)>"
                + "<style>body{display:none}</style><form action=\"https://evil.example\"><input></form>");
        assertThat(clean).doesNotContain("script");
        assertThat(clean).doesNotContain("onclick");
        assertThat(clean).doesNotContain("onerror");
        assertThat(clean).doesNotContain("javascript:");
        assertThat(clean).doesNotContain("style");
        assertThat(clean).doesNotContain("form");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<body onload=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<p style=\"expression(alert(1))\">x</p>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<input onfocus=alert(1) autofocus>",
            "<details open ontoggle=alert(1)>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<link rel=stylesheet href=\"https://evil.example/x.css\">",
            "<img src=\"x\" onmouseover=\"alert(1)\">",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<!--<script>alert(1)--><script>alert(1)</script>",
            "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>" })
    void shouldNeutraliseKnownXssPayloads(String payload) {
        String clean = SignatureHtml.sanitize(payload).toLowerCase();
        for (String danger : new String[] { "<script", "javascript:", "vbscript:", "data:text", " on", "<iframe",
                "<object", "<embed", "<form", "<input", "<meta", "<base", "<link", "<svg", "<math", "style=",
                "expression(" }) {
            assertThat(clean).as(payload + " left " + danger + " in " + clean).doesNotContain(danger);
        }
    }

    @Test
    void shouldKeepBoldAndLinks() {
        String clean = SignatureHtml.sanitize("<p><b>Kari Nordmann</b><br><a href=\"https://firma.no\">firma.no</a></p>");
        assertThat(clean).contains("<b>Kari Nordmann</b>");
        assertThat(clean).contains("<a href=\"https://firma.no\">firma.no</a>");
    }

    @Test
    void shouldDeriveTextWithLineBreaks() {
        assertEquals("Kari Nordmann\nXS Office AS\nTlf 22 00 00 00 (tel:22000000)",
                SignatureHtml.toText("<p><b>Kari Nordmann</b><br>XS Office AS</p><div>Tlf <a href=\"tel:22000000\">22 00 00 00</a></div>"));
    }
}
