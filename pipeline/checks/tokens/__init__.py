"""Tokenizers of a span's raw text, one small module each, shared by the fidelity and safety
rules (``checks.fidelity``, ``checks.safety``) and nothing else. Each reads and reports; none
repairs.

- ``code``: CommonMark code spans, backslash escapes, and masking text out
- ``tags``: HTML tags, the strict scanner (known elements, malformed tags, balance) and the
  lenient one (any tag-like text, as a browser reads it)
- ``links``: link targets, destinations, reference labels, directives, xrefs, bare URLs, link keys
- ``urls``: a URL as a browser resolves it, and its host
- ``loads``: the files DocFX includes and code snippets pull into a page
- ``blocks``: the Markdown block a line would open
- ``emphasis``: CommonMark emphasis pairing
- ``entities``: HTML character references
- ``numbers``: digit runs and amounts, whatever the locale writes
- ``names``: cmdlet and file names in text
- ``prose``: a span with all markup masked, and what that prose says (a sentence, brackets)

Import the module you need (``from pipeline.checks.tokens.code import without_code``): this
package's ``__init__`` loads nothing.
"""
