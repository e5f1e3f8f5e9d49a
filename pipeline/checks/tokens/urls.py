"""A URL as a browser resolves it, and the host it points at: what the safety rules compare,
however the URL is encoded."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_HOST_START = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?/{2,}|^(?:https?|ftp|wss?):/*")


def decoded_url(url: str) -> str:
    """A URL as a browser would resolve it, for matching schemes and hosts: entities and
    percent-escapes decoded (repeatedly, bounded), control and white space removed, lower
    case, backslashes read as slashes."""
    if "&" in url or "%" in url:
        for _ in range(4):
            step = unquote(html.unescape(url))
            if step == url:
                break
            url = step
    if _CONTROL_OR_SPACE.search(url) is not None:
        url = _CONTROL_OR_SPACE.sub("", url)
    return url.lower().replace("\\", "/")


def url_host(url: str) -> str | None:
    """The host a URL points at, or None for a relative URL. Takes a decoded_url."""
    m = _HOST_START.match(url) or _WRAPPED.match(url)
    if m is None:
        return None
    rest = url[m.end() :]
    for stop in "/?#":
        cut = rest.find(stop)
        if cut >= 0:
            rest = rest[:cut]
    rest = rest.rsplit("@", 1)[-1]
    if rest.startswith("["):  # IPv6 literal
        return rest.split("]", 1)[0] + "]"
    # a bare URL in prose runs on into what follows it ('portal.azure.com，然后', a bidi mark,
    # a closing quote): the host ends at the first character no host holds, unless a label
    # follows it: a browser forbids few characters in a domain, and reads
    # 'learn.microsoft.com$.evil.example' whole, a host of evil.example's
    # the dots IDNA reads as '.': 'learn.microsoft.com。evil.example' is evil.example's
    whole = rest.split(":", 1)[0].translate(_DOTS)
    host = _HOST_CHARS.match(whole)
    name = host.group() if host is not None else ""
    if len(name) < len(whole) and _LABEL.search(whole, len(name)):
        name = whole
    return name.rstrip(".") or None


# An app's URL that wraps a web or file one ('ms-word:ofe|u|https://host/a.docx', a search-ms:
# URL's 'location:\\host\share', decoded): the app the link opens loads the host after its '//'
_WRAPPED = re.compile(r"^[a-z][a-z0-9+.-]*:.*?/{2,}")
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_HOST_CHARS = re.compile(r"[\w.-]*")  # letters of any script (IDN), digits, '.', '-'
_LABEL = re.compile(r"\.[\w-]")
