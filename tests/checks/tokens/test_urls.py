"""URLs as a browser resolves them, and their hosts."""

from __future__ import annotations

import pytest

from pipeline.checks.tokens.urls import decoded_url, url_host


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
