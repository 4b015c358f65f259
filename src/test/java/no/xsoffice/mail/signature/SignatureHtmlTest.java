package no.xsoffice.mail.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignatureHtmlTest {

    @Test
    void shouldRemoveScriptsEventHandlersAndJavascriptLinks() {
        String clean = SignatureHtml.sanitize("<p onclick=\"steal()\">Kari<script>alert(1)</script></p>"
                + "<a href=\"javascript:alert(1)\">klikk</a><img src=x onerror=alert(1)>"
                + "<style>body{display:none}</style><form action=\"https://evil.example\"><input></form>");
        assertFalse(clean.contains("script"), clean);
        assertFalse(clean.contains("onclick"), clean);
        assertFalse(clean.contains("onerror"), clean);
        assertFalse(clean.contains("javascript:"), clean);
        assertFalse(clean.contains("style"), clean);
        assertFalse(clean.contains("form"), clean);
    }

    @Test
    void shouldKeepBoldAndLinks() {
        String clean = SignatureHtml.sanitize("<p><b>Kari Nordmann</b><br><a href=\"https://firma.no\">firma.no</a></p>");
        assertTrue(clean.contains("<b>Kari Nordmann</b>"), clean);
        assertTrue(clean.contains("<a href=\"https://firma.no\">firma.no</a>"), clean);
    }

    @Test
    void shouldDeriveTextWithLineBreaks() {
        assertEquals("Kari Nordmann\nXS Office AS\nTlf 22 00 00 00 (tel:22000000)",
                SignatureHtml.toText("<p><b>Kari Nordmann</b><br>XS Office AS</p><div>Tlf <a href=\"tel:22000000\">22 00 00 00</a></div>"));
    }
}
