"""URLs as a browser resolves them, and the hosts they may load."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.urls import decoded_url, url_host, url_hosts


@pytest.mark.parametrize(
    ("url", "decoded"),
    [
        pytest.param("java&#115;cript:x", "javascript:x", id="entity"),
        pytest.param("%256A%2561vascript:x", "javascript:x", id="double-percent"),
        pytest.param(" Java\tScript:x", "javascript:x", id="space-tab-case"),
        pytest.param("javascript&colon;x", "javascript:x", id="named-entity"),
        pytest.param("https:\\\\evil.example", "https://evil.example", id="backslashes"),
    ],
)
def test_decoded_url_reads_as_a_browser(url: str, decoded: str) -> None:
    assert decoded_url(url) == decoded


@pytest.mark.parametrize(
    ("url", "host"),
    [
        pytest.param("https://a.b/c", "a.b", id="plain"),
        pytest.param("//a.b/c", "a.b", id="protocol-relative"),
        pytest.param("https://user@a.b:8080/c", "a.b", id="userinfo-port"),
        pytest.param("https:a.b", "a.b", id="no-slashes"),
        pytest.param("../a.md", None, id="relative"),
        pytest.param("xref:A.B", None, id="xref"),
        pytest.param("mailto:a@b.c", None, id="mailto"),
        # helper-93: the app an Office or Windows Search link opens loads the URL it wraps
        pytest.param("ms-word:ofe|u|https://a.b/c.docx", "a.b", id="an-office-uri"),
        pytest.param("search-ms:query=x&crumb=location:%5C%5Ca.b%5Cshare", "a.b",
                     id="a-search-ms-location"),
        # helper-93: a browser reads the host on past '$' or ',' when a label follows
        pytest.param("https://a.b$.c.d/x", "a.b$.c.d", id="a-label-after-a-character-no-host-has"),
        pytest.param("https://a.b，然后", "a.b", id="prose-after-a-bare-url"),
    ],
)
def test_url_host(url: str, host: str | None) -> None:
    assert url_host(decoded_url(url)) == host


@pytest.mark.parametrize(
    ("url", "host"),
    [
        # helper-117: a browser splits the authority at the raw delimiters, then decodes the
        # host: an escaped delimiter before an '@' belongs to the user name
        pytest.param("https://learn.contoso.com%2F@evil.example/a", "evil.example",
                     id="an-escaped-slash-in-the-user-name"),
        pytest.param("https://learn.contoso.com%23@evil.example/a", "evil.example",
                     id="an-escaped-hash-in-the-user-name"),
        pytest.param("https://learn.contoso.com%3F@evil.example/a", "evil.example",
                     id="an-escaped-question-mark-in-the-user-name"),
        pytest.param("https://learn.contoso.com%5C@evil.example/a", "evil.example",
                     id="an-escaped-backslash-in-the-user-name"),
        pytest.param("https://learn.contoso.com&#37;2F@evil.example/a", "evil.example",
                     id="a-reference-that-spells-the-escape"),
        pytest.param("https://learn.contoso.com\\@evil.example/a", "evil.example",
                     id="a-markdown-escaped-at-sign"),
        pytest.param("https://evil%2Eexample/a", "evil.example", id="an-escaped-dot-in-the-host"),
    ],
)
def test_a_host_after_a_user_name_with_an_escaped_delimiter_is_found(url: str, host: str) -> None:
    assert host in url_hosts(url)


@pytest.mark.parametrize(
    ("url", "hosts"),
    [
        pytest.param("https://learn.contoso.com/fr-fr/a?b=1&amp;c=2", {"learn.contoso.com"},
                     id="an-ordinary-url"),
        pytest.param("https://learn.contoso.com/a%2F@evil.example", {"learn.contoso.com"},
                     id="an-at-sign-in-the-path"),
        # Markdown reads '&amp;' once: the browser gets '&#47;', whose '#' ends the authority
        pytest.param("https://learn.contoso.com&amp;#47;@evil.example/a", {"learn.contoso.com"},
                     id="a-reference-escaped-twice"),
        pytest.param("../a.md", set(), id="relative"),
    ],
)
def test_the_hosts_of_a_url_are_those_a_browser_or_an_app_may_load(
        url: str, hosts: set[str]) -> None:
    assert url_hosts(url) == hosts
