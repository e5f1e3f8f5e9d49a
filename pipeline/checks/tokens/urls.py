"""A URL as a browser resolves it, and the hosts it may point at: what the safety rules
compare, however the URL is encoded."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_HOST_START = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?/{2,}|^(?:https?|ftp|wss?):/*")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: any ASCII punctuation


def decoded_url(url: str) -> str:
    """A URL as a browser would resolve it, for matching schemes: entities and percent-escapes
    decoded (repeatedly, bounded), control and white space removed, lower case, backslashes
    read as slashes. Too decoded to split into its parts: see ``url_hosts``."""
    if "&" in url or "%" in url:
        for _ in range(4):
            step = unquote(html.unescape(url))
            if step == url:
                break
            url = step
    return _plain(url)


def _plain(url: str) -> str:
    if _CONTROL_OR_SPACE.search(url) is not None:
        url = _CONTROL_OR_SPACE.sub("", url)
    return url.lower().replace("\\", "/")


def url_hosts(url: str) -> set[str]:
    """The hosts ``url``, as the page's markup writes it, may load: none for a relative URL.

    As a browser's URL parser reads it: entities decoded once (by Markdown or HTML), split at
    its raw delimiters, and only then the host percent-decoded: 'https://a.b%2F@evil.example'
    is evil.example's, its '%2F' part of the user name. So too with a destination's backslash
    escapes read away ('a.b\\@evil.example' is 'a.b@evil.example'). And wholly decoded, as
    an app decodes the URL it wraps ('search-ms:…location:%5C%5Chost'): a host any reading
    finds counts."""
    readings = [_plain(html.unescape(url) if "&" in url else url), decoded_url(url)]
    if "\\" in url:
        unescaped = MD_ESCAPE.sub(r"\1", url)
        readings.append(_plain(html.unescape(unescaped) if "&" in unescaped else unescaped))
    hosts = {host for reading in readings if (host := url_host(reading)) is not None}
    for reading in readings:
        if reading.startswith("mailto:"):
            hosts.update(mail_hosts(reading))
    return hosts


# The domain of each address a mailto: URL writes to: its recipients, and those of its 'to',
# 'cc' and 'bcc' fields ('mailto:a@x.example?cc=b@evil.example')
_ADDRESS_DOMAIN = re.compile(r"@([^\s@,;?&/<>\"'()]+)")


def mail_hosts(url: str) -> set[str]:
    """The mail domains of a ``mailto:`` URL (entities decoded, lower case, as
    ``url_hosts``'s readings are): a host a message goes to, as a link's host is one."""
    return {m.group(1).rstrip(".").translate(_DOTS)
            for m in _ADDRESS_DOMAIN.finditer(unquote(url))}


def url_host(url: str) -> str | None:
    """The host a URL points at, or None for a relative URL. Takes a URL with its entities
    decoded, white space removed, in lower case, its backslashes as slashes: it is split at its
    '/', '?' and '#' as written, then the host alone is percent-decoded, as a browser does."""
    m = _HOST_START.match(url) or _WRAPPED.match(url)
    if m is None:
        return None
    rest = url[m.end() :]
    for stop in "/?#":
        cut = rest.find(stop)
        if cut >= 0:
            rest = rest[:cut]
    rest = rest.rsplit("@", 1)[-1]
    if "%" in rest:  # 'evil%2Eexample' is evil.example
        rest = unquote(rest)
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
