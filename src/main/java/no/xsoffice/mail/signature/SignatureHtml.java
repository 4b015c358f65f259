package no.xsoffice.mail.signature;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * HTML signatures, made safe to put into mail: formatting, links and images stay; scripts,
 * styles, event handlers, forms and {@code javascript:} URLs go (jsoup's allow-list cleaner).
 */
public final class SignatureHtml {

    private static final Safelist POLICY = Safelist.relaxed()
            .addTags("span", "font", "hr", "center")
            .addAttributes("font", "color", "face", "size")
            .addAttributes(":all", "align", "dir")
            .addProtocols("a", "href", "tel");

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private SignatureHtml() {
    }

    public static String sanitize(String html) {
        return Jsoup.clean(html, "", POLICY, COMPACT);
    }

    /** The plain text a reader would see: line breaks for {@code <br>} and block ends, links as "text (url)". */
    public static String toText(String html) {
        StringBuilder text = new StringBuilder();
        Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.text());
                } else if (node instanceof Element e && e.normalName().equals("br")) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.normalName().equals("a") && e.hasAttr("href")) {
                        String href = e.attr("href");
                        if (!href.isBlank() && !href.equals(e.text()) && !href.equals("mailto:" + e.text())) {
                            text.append(" (").append(href.replaceFirst("^mailto:", "")).append(')');
                        }
                    } else if (e.isBlock() && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                        text.append('\n');
                    }
                }
            }
        });
        return text.toString().replaceAll("[ \\t\\u00a0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
